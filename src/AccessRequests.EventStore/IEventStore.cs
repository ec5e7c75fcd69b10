namespace AccessRequests.EventStore;

/// <summary>
/// An append-only event store with optimistic concurrency per stream, a global read that never skips
/// a late commit, consumer checkpoints kept in the same transaction as their effects, read-model
/// tables (applications, documents, grants) and durable timers written inline with the append. PostgreSQL and
/// SQLite implement it; one contract suite tests both.
/// </summary>
public interface IEventStore
{
    /// <summary>Creates the tables that are missing. Idempotent; never replays events.</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>True when the database answers.</summary>
    Task<bool> IsReachableAsync(CancellationToken ct = default);

    /// <summary>The stream's events in order; version 0 and no events when the stream does not exist.</summary>
    Task<StreamSlice> ReadStreamAsync(string streamId, CancellationToken ct = default);

    /// <summary>
    /// The stream's events after <paramref name="afterVersion"/>, for a reader that has folded the ones before; the
    /// slice's version is the last event's, or <paramref name="afterVersion"/> when there is none newer.
    /// </summary>
    Task<StreamSlice> ReadStreamAsync(string streamId, long afterVersion, CancellationToken ct = default);

    /// <summary>
    /// Appends to one or more streams and applies the read-model writes, all in one transaction.
    /// Each append's expected version must equal the stream's current version (0: the stream must not exist),
    /// else <see cref="ConcurrencyException"/> and nothing is written. Returns each stream's new version, in order.
    /// </summary>
    Task<IReadOnlyList<long>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<ReadModelWrite> readModels,
        CancellationToken ct = default);

    /// <summary>
    /// Committed events after <paramref name="after"/> in a stable global order; an event whose transaction
    /// has not committed yet is never passed over (the read stops before it until it commits).
    /// </summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(GlobalCheckpoint after, int maxCount, CancellationToken ct = default);

    /// <summary>The consumer's checkpoint (<see cref="GlobalCheckpoint.Start"/> when it has none).</summary>
    Task<GlobalCheckpoint> GetCheckpointAsync(string consumer, CancellationToken ct = default);

    /// <summary>
    /// Gives a consumer that has no checkpoint one after the events committed so far, so that it acts on what happens
    /// from now on and not on the history before it existed. Returns false (and changes nothing) when it had one.
    /// </summary>
    Task<bool> StartCheckpointAtEndAsync(string consumer, CancellationToken ct = default);

    /// <summary>
    /// Locks the consumer's checkpoint, reads up to <paramref name="batchSize"/> events after it, lets
    /// <paramref name="handle"/> apply its effects in the same transaction, advances the checkpoint past the
    /// batch and commits. When <paramref name="handle"/> throws, neither effects nor checkpoint are kept.
    /// Returns the number of events handled (0: nothing new).
    /// </summary>
    Task<int> ProcessAsync(
        string consumer,
        int batchSize,
        Func<IReadOnlyList<RecordedEvent>, IStoreTransaction, CancellationToken, Task> handle,
        CancellationToken ct = default);

    /// <summary>
    /// Empties the read-model tables and recreates them from the events, stream by stream:
    /// <paramref name="project"/> gets one stream's events in order. Returns the number of events read.
    /// Timers are schedules, not read models: they are neither deleted nor re-created, and the timer writes that
    /// <paramref name="project"/> returns are ignored, so a timer that has fired and completed stays gone.
    /// </summary>
    Task<long> RebuildReadModelsAsync(
        Func<IReadOnlyList<RecordedEvent>, IEnumerable<ReadModelWrite>> project,
        CancellationToken ct = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> timers that are due (<see cref="ScheduledTimer.DueAt"/> at or before
    /// <paramref name="now"/>) and not leased, earliest first, and leases them until <paramref name="now"/> +
    /// <paramref name="lease"/>, in one transaction. Concurrent claimers, in this process or another, never get the
    /// same timer while its lease lasts; when it runs out (the claimer died) the timer is claimable again, so a
    /// timer fires at least once, not exactly once. <paramref name="now"/> is the caller's clock: the instances
    /// sharing a database must agree on the time to within much less than the lease.
    /// </summary>
    Task<IReadOnlyList<ScheduledTimer>> ClaimDueTimersAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct = default);

    /// <summary>
    /// Deletes a claimed timer, but only if it is still the schedule that was claimed (same id, stream, kind, due
    /// time and payload): a timer scheduled anew meanwhile is left to fire at its new time.
    /// </summary>
    Task CompleteTimerAsync(ScheduledTimer timer, CancellationToken ct = default);

    /// <summary>The stream's timers, leased or not, earliest first.</summary>
    Task<IReadOnlyList<ScheduledTimer>> ListTimersAsync(string streamId, CancellationToken ct = default);

    /// <summary>
    /// Takes the <paramref name="duty"/> for this process when no one holds it: a handle that holds it until disposed,
    /// or null when another holder has it. Stores on other databases (PostgreSQL: other schemas) do not compete.
    /// PostgreSQL: a session advisory lock on a connection the handle keeps, so a holder that dies or loses its
    /// connection lets the duty go. SQLite: only the store instances of this process compete; several processes on
    /// one file are not supported.
    /// </summary>
    Task<ILeadership?> TryAcquireLeadershipAsync(string duty, CancellationToken ct = default);

    Task<ApplicationRow?> GetApplicationAsync(Guid id, CancellationToken ct = default);

    /// <summary>Applications matching the query (see <see cref="ApplicationQuery"/>).</summary>
    Task<IReadOnlyList<ApplicationRow>> ListApplicationsAsync(ApplicationQuery query, CancellationToken ct = default);

    Task<string?> GetDocumentAsync(string collection, string id, CancellationToken ct = default);

    /// <summary>All documents of a collection, ordered by id.</summary>
    Task<IReadOnlyList<string>> ListDocumentsAsync(string collection, CancellationToken ct = default);

    /// <summary>
    /// In one read: the documents' generation and the documents each key names (a whole collection when its id is
    /// null), ordered by collection and id; keys that name nothing add nothing, and no keys reads the generation alone.
    /// </summary>
    Task<DocumentsRead> ReadDocumentsAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct = default);

    Task<GrantRow?> GetGrantAsync(Guid grantId, CancellationToken ct = default);

    /// <summary>
    /// Grants matching the query (see <see cref="GrantQuery"/>); <see cref="ArgumentException"/> when it asks
    /// whether grants are active without saying when.
    /// </summary>
    Task<IReadOnlyList<GrantRow>> ListGrantsAsync(GrantQuery query, CancellationToken ct = default);
}
