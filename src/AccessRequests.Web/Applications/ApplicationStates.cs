using System.Collections.Concurrent;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Applications;

/// <summary>
/// The state each application was last decided on, so that the next command reads and folds only the events written
/// since. Events never change once written, so a state at version v plus the events after v is the current state,
/// whichever node wrote them. Bounded: past <see cref="Limit"/> applications it starts over.
/// </summary>
public sealed class ApplicationStates(IEventStore store)
{
    private const int Limit = 10_000;

    private readonly ConcurrentDictionary<Guid, (long Version, ApplicationState State)> known = new();

    /// <summary>The application's current version and state (version 0: there is no such application).</summary>
    public async Task<(long Version, ApplicationState State)> CurrentAsync(Guid applicationId, CancellationToken ct)
    {
        var streamId = ApplicationStreams.StreamId(applicationId);
        var (from, state) = known.TryGetValue(applicationId, out var kept) ? kept : (0, ApplicationState.Initial);
        var newer = await store.ReadStreamAsync(streamId, from, ct);
        state = ApplicationStreams.Fold(state, newer.Events);
        Remember(applicationId, newer.Version, state);
        return (newer.Version, state);
    }

    /// <summary>Keeps the state at that version, unless a newer one is kept already.</summary>
    public void Remember(Guid applicationId, long version, ApplicationState state)
    {
        if (version == 0)
        {
            return;
        }
        if (known.Count >= Limit)
        {
            known.Clear();
        }
        known.AddOrUpdate(applicationId, (version, state), (_, old) => old.Version >= version ? old : (version, state));
    }
}
