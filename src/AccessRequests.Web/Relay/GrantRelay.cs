using AccessRequests.Contracts;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Hosting;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Relay;

/// <summary>
/// The outbox relay: reads committed events after its checkpoint, publishes the grant messages (MessageId = the event's
/// id) and moves the checkpoint in the same transaction only after the broker confirmed. One instance publishes at a
/// time (leadership in the store); another takes over when it dies. A broker outage delays messages, never loses them.
/// </summary>
public sealed class GrantRelay(
    IEventStore store, IBus bus, RelaySignal signal, IOptions<ServiceOptions> options, ILogger<GrantRelay> log) : BackgroundService
{
    public const string Consumer = "grant-relay";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// After a wake, how often to look again while the woken-for event is not readable yet: the relay reads only events
    /// of transactions older than every one still open, so a commit can wait a moment for slower writers to finish.
    /// </summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(10);

    private const int Rechecks = 20;

    /// <summary>Messages published since start, for the readiness report.</summary>
    public long Published => Interlocked.Read(ref published);

    public bool IsLeader { get; private set; }

    private long published;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.Bus.RelayPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leadership = await store.TryAcquireLeadershipAsync(Consumer, stoppingToken);
                if (leadership is null)
                {
                    await Task.Delay(idle * 4, stoppingToken);
                    continue;
                }
                IsLeader = true;
                var rechecks = 0;
                while (!stoppingToken.IsCancellationRequested && await leadership.IsHeldAsync(stoppingToken))
                {
                    if (await store.ProcessAsync(Consumer, 100, PublishAsync, stoppingToken) > 0)
                    {
                        rechecks = 0;
                    }
                    else if (rechecks > 0)
                    {
                        rechecks--;
                        await Task.Delay(Recheck, stoppingToken);
                    }
                    else if (await signal.WaitAsync(idle, stoppingToken))
                    {
                        rechecks = Rechecks;
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Broker or database away: nothing was acknowledged, so the same events are published again later.
                log.LogWarning("Grant relay paused: {Message}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            finally
            {
                IsLeader = false;
            }
        }
    }

    private async Task PublishAsync(IReadOnlyList<RecordedEvent> events, IStoreTransaction transaction, CancellationToken ct)
    {
        foreach (var recorded in events.Where(e => e.Type is "access-granted" or "access-revoked" or "access-expired"))
        {
            var message = await MessageFor(recorded, ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(PublishTimeout);
            await bus.Publish(message, message.GetType(), c => c.MessageId = recorded.EventId, timeout.Token);
            Interlocked.Increment(ref published);
        }
    }

    /// <summary>The contract message for a grant event; revocations and expiries take the grant's facts from the read model.</summary>
    private async Task<object> MessageFor(RecordedEvent recorded, CancellationToken ct)
    {
        var applicationId = Guid.Parse(recorded.StreamId["application-".Length..]);
        switch (ApplicationStreams.ToDomain(recorded))
        {
            case ApplicationEvent.AccessGranted g:
                return new AccessGranted
                {
                    GrantId = g.GrantId, ApplicationId = applicationId, UserId = g.UserId, DatasetId = g.DatasetId, Location = g.Location,
                    ValidFrom = g.ValidFrom, ValidUntil = g.ValidUntil, Conditions = g.Conditions, GrantedAt = g.At,
                };
            case ApplicationEvent.AccessRevoked r:
            {
                var grant = await GrantOf(r.GrantId, ct);
                return new AccessRevoked
                {
                    GrantId = r.GrantId, ApplicationId = applicationId, UserId = grant.UserId, DatasetId = grant.DatasetId,
                    Location = grant.Location, Reason = r.Reason, RevokedAt = r.At,
                };
            }
            case ApplicationEvent.AccessExpired x:
            {
                var grant = await GrantOf(x.GrantId, ct);
                return new AccessExpired
                {
                    GrantId = x.GrantId, ApplicationId = applicationId, UserId = grant.UserId, DatasetId = grant.DatasetId,
                    Location = grant.Location, ExpiredAt = x.At,
                };
            }
            default:
                throw new InvalidOperationException($"{recorded.Type} is not a grant event.");
        }
    }

    private async Task<GrantRow> GrantOf(Guid grantId, CancellationToken ct) =>
        await store.GetGrantAsync(grantId, ct) ?? throw new InvalidOperationException($"Grant {grantId} is not in the read model; rebuild the read models.");
}
