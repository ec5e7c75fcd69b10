using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;
using AccessRequests.Web.Relay;

namespace AccessRequests.Web.Applications;

/// <summary>
/// Runs one command against one application: load the stream, decide, append the events with the read model in
/// one transaction at the expected version. Without If-Match a concurrent change is met by deciding again on the
/// new state (the decider sees every change, so nothing is lost); with If-Match the caller's version must hold.
/// </summary>
public sealed class CommandRunner(IEventStore store, ApplicationStates states, RelaySignal relay)
{
    /// <summary>
    /// A writer only loses a race to another writer's success, so with fewer than this many writers on one
    /// application at once every one of them lands; beyond that the last get 409.
    /// </summary>
    private const int Attempts = 16;

    public sealed record Outcome(Guid Id, long Version, IReadOnlyList<ApplicationEvent> Events, ApplicationState State, NewApplication? Started = null);

    /// <summary>An application that the command starts besides changing its own (copy-as-new), written in the same transaction.</summary>
    public sealed record NewApplication(Guid Id, IReadOnlyList<ApplicationEvent> Events);

    /// <summary>Thrown when If-Match does not name the current version.</summary>
    public sealed class StaleVersionException(long current) : Exception($"The application is at version {current}.")
    {
        public long Current { get; } = current;
    }

    /// <summary>Thrown when the command is for an application that does not exist (its stream is empty).</summary>
    public sealed class NotFoundException(Guid applicationId) : Exception($"There is no application {applicationId}.")
    {
        public Guid ApplicationId { get; } = applicationId;
    }

    /// <summary>
    /// Runs <paramref name="command"/>, decided on the application's current state. <paramref name="creates"/>: the
    /// command starts the application; otherwise an application that does not exist is a <see cref="NotFoundException"/>.
    /// </summary>
    public async Task<Outcome> RunAsync(
        Guid applicationId,
        long? ifMatch,
        string correlationId,
        Func<ApplicationState, Task<ApplicationCommand>> command,
        CancellationToken ct,
        Func<ApplicationState, NewApplication?>? startsNew = null,
        bool creates = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, state) = await states.CurrentAsync(applicationId, ct);
            if (current == 0 && !creates)
            {
                throw new NotFoundException(applicationId);
            }
            if (ifMatch is { } expected && expected != current)
            {
                throw new StaleVersionException(current);
            }
            var events = ApplicationDecider.Decide(await command(state), state);
            if (events.Count == 0)
            {
                return new Outcome(applicationId, current, events, state);
            }
            var next = events.Aggregate(state, ApplicationEvolver.Evolve);
            var version = current + events.Count;
            List<StreamAppend> appends = [Append(applicationId, current, events, correlationId)];
            List<ReadModelWrite> rows = [.. ApplicationView.Writes(next, version)];
            var started = startsNew?.Invoke(state);
            if (started is not null)
            {
                appends.Add(Append(started.Id, 0, started.Events, correlationId));
                rows.AddRange(ApplicationView.Writes(ApplicationEvolver.Fold(started.Events), started.Events.Count));
            }
            try
            {
                await store.AppendAsync(appends, rows, ct);
                states.Remember(applicationId, version, next);
                if (events.Any(e => e is ApplicationEvent.AccessGranted or ApplicationEvent.AccessRevoked or ApplicationEvent.AccessExpired))
                {
                    relay.Wake();
                }
                return new Outcome(applicationId, version, events, next, started);
            }
            catch (ConcurrencyException) when (ifMatch is null && attempt < Attempts)
            {
                // Someone else changed the application between our read and our write: decide again on their
                // result, after a short random pause so that the writers still racing spread out.
                await Task.Delay(Random.Shared.Next(1, 4 * attempt), ct);
            }
        }
    }

    private static StreamAppend Append(Guid applicationId, long expectedVersion, IReadOnlyList<ApplicationEvent> events, string correlationId)
    {
        var append = Guid.CreateVersion7();
        return new(ApplicationStreams.StreamId(applicationId), ApplicationStreams.StreamType, expectedVersion,
            [.. events.Select(e => ApplicationStreams.ToData(e, correlationId, append))]);
    }
}
