using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Applications;

/// <summary>
/// Polls the store's timers and lets the decider record deadline reminders and passed deadlines. Timers are leased
/// with SKIP LOCKED, and the decider records each reminder or deadline once, so several service instances can poll
/// the same database and each deadline is recorded once.
/// </summary>
public sealed class DeadlineTimer(IEventStore store, CommandRunner runner, TimeProvider clock, IOptions<ServiceOptions> options, ILogger<DeadlineTimer> log)
    : BackgroundService
{
    public const string Kind = "deadline";

    private static readonly Actor System = new(Actor.SystemUserId, "AccessRequests", null, new HashSet<string>());

    public static string IdFor(Guid applicationId) => $"deadline:application-{applicationId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.Timers.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await FireDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a moment; the timers wait in their table until it is back.
                log.LogWarning(e, "Firing due timers failed; trying again in {Interval}.", interval);
            }
            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>Fires the timers due now; returns how many it claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var due = await store.ClaimDueTimersAsync(clock.GetUtcNow(), 20, TimeSpan.FromMinutes(1), ct);
        foreach (var timer in due.Where(t => t.Kind == Kind))
        {
            var id = Guid.Parse(timer.StreamId["application-".Length..]);
            var outcome = await runner.RunAsync(id, null, $"timer:{timer.Id}",
                _ => Task.FromResult<ApplicationCommand>(new ApplicationCommand.CheckDeadline(System, clock.GetUtcNow())), ct);
            // A change reschedules the timer in the same transaction; with no change, a timer that still has work
            // ahead is left to its lease and looked at again, rather than lost.
            if (outcome.Events.Count > 0 || ApplicationProgress.NextCheck(outcome.State) is null)
            {
                await store.CompleteTimerAsync(timer, ct);
            }
        }
        return due.Count;
    }
}
