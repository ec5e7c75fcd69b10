using System.Data.Common;

namespace AccessRequests.EventStore;

/// <summary>
/// What differs between the databases: column types, how to open and begin, how to lock, how values are bound.
/// Everything else (the SQL of appends, reads, checkpoints and read models) is shared by <see cref="SqlEventStore"/>.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>A SQL expression for the current time, in the format the timestamp columns hold.</summary>
    public abstract string Now { get; }

    /// <summary>
    /// Extra condition (starting with AND) on global reads, so that an event whose transaction is still open is
    /// never passed over; empty when writers are serialised and position order is commit order.
    /// </summary>
    public abstract string OnlySettledTransactions { get; }

    /// <summary>Row-lock clause for reading a consumer's checkpoint; empty when transactions are serialised anyway.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// Row-lock clause that passes over rows another transaction has locked instead of waiting for them, so
    /// concurrent claimers each take different rows; empty when transactions are serialised anyway.
    /// </summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>A statement that keeps appends out while read models are rebuilt; empty when not needed.</summary>
    public abstract string LockOutAppends { get; }

    /// <summary>
    /// True when a statement can move the stream head in a data-modifying CTE and insert the events in the same
    /// statement (PostgreSQL): one round trip fewer per stream appended. SQLite has no DML in CTEs.
    /// </summary>
    public virtual bool MovesHeadWithEvents => false;

    /// <summary>
    /// How many parameters a batched read-model command may carry. Well under the databases' limits (SQLite 32,766,
    /// PostgreSQL 65,535), and lower where binding by name costs more per parameter the more there are.
    /// </summary>
    public virtual int ParametersPerCommand => 8_000;

    /// <summary>How a JSON text parameter is written into a JSON column.</summary>
    public virtual string Json(string parameter) => parameter;

    public virtual object Uuid(Guid value) => value;

    /// <summary>Timestamps are kept to the microsecond, PostgreSQL's precision, on both databases.</summary>
    public object Time(DateTimeOffset value) =>
        FormatTime(new DateTimeOffset(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero));

    public object? Time(DateTimeOffset? value) => value is { } time ? Time(time) : null;

    protected abstract object FormatTime(DateTimeOffset utc);

    /// <summary>A transaction id as a query parameter.</summary>
    public abstract object Tx(ulong value);

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Begins a write transaction.</summary>
    public abstract Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Creates the missing tables and indexes.</summary>
    public abstract Task CreateSchemaAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Takes the duty for this process, or null when another holder has it (see <see cref="ILeadership"/>).</summary>
    public abstract Task<ILeadership?> TryAcquireLeadershipAsync(string duty, CancellationToken ct);

    /// <summary>True when the error is the events table's unique (stream_id, stream_version) constraint.</summary>
    public abstract bool IsStreamVersionClash(DbException exception);
}
