using System.Data.Common;
using Dapper;

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
    /// True (PostgreSQL) when a whole append — every stream's head and events, the read-model writes — goes as one
    /// command of several statements, one round trip: a command is one implicit transaction; the statement that
    /// inserts a stream's events moves its head in a data-modifying CTE and fails through <see cref="HeadMoved"/>
    /// when the head was not at the expected version, which undoes the rest. SQLite has no DML in CTEs: its heads are
    /// moved and checked first, in an explicit transaction, and there are no round trips to save.
    /// </summary>
    public virtual bool AppendsInOneCommand => false;

    /// <summary>A condition that is true when <paramref name="moved"/> is 1 and otherwise fails the statement as a stale append.</summary>
    public virtual string HeadMoved(string moved, string stream, string expected) =>
        throw new NotSupportedException("Only dialects that append in one command check the head inside it.");

    /// <summary>
    /// How many parameters a batched read-model command may carry. Well under the databases' limits (SQLite 32,766,
    /// PostgreSQL 65,535), and lower where binding by name costs more per parameter the more there are.
    /// </summary>
    public virtual int ParametersPerCommand => 8_000;

    /// <summary>
    /// The documents' generation (see <see cref="DocumentsRead"/>), the same on both databases: it moves on in every
    /// transaction that changes documents, so a process that keeps documents in memory learns from one row whether
    /// its copy is still current.
    /// </summary>
    protected const string DocumentsGenerationSchema = """
        CREATE TABLE IF NOT EXISTS documents_generation (
            id integer PRIMARY KEY CHECK (id = 1),
            generation bigint NOT NULL
        );
        INSERT INTO documents_generation (id, generation) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
        """;

    /// <summary>
    /// The notification tables (see <see cref="INotificationStore"/>), the same on both databases but for the column
    /// types of ids, JSON and timestamps.
    /// </summary>
    protected static string NotificationsSchema(string uuid, string json, string timestamp) => $"""
        -- Notifications (see INotificationStore). users: how to reach a person, kept from their last sign-in; their
        -- language and e-mail frequency are their own choice and survive sign-ins.
        CREATE TABLE IF NOT EXISTS users (
            id text PRIMARY KEY,
            name text NOT NULL,
            email text,
            language text NOT NULL,
            frequency text NOT NULL,
            updated_at {timestamp} NOT NULL
        );
        -- digest_due_at is set while a notification waits for its user's daily digest and cleared when the digest
        -- is queued (or found to have nothing to send).
        CREATE TABLE IF NOT EXISTS notifications (
            id {uuid} PRIMARY KEY,
            user_id text NOT NULL,
            kind text NOT NULL,
            application_id {uuid},
            data {json} NOT NULL,
            created_at {timestamp} NOT NULL,
            read_at {timestamp},
            digest_due_at {timestamp}
        );
        CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, created_at);
        CREATE INDEX IF NOT EXISTS notifications_digest_due ON notifications (digest_due_at) WHERE digest_due_at IS NOT NULL;
        -- state: pending (due at due_at), sent or failed (given up; an admin may put it back).
        CREATE TABLE IF NOT EXISTS mail_outbox (
            id {uuid} PRIMARY KEY,
            recipient text NOT NULL,
            recipient_name text,
            language text NOT NULL,
            subject text NOT NULL,
            text_body text NOT NULL,
            html_body text NOT NULL,
            created_at {timestamp} NOT NULL,
            state text NOT NULL,
            attempts integer NOT NULL,
            due_at {timestamp} NOT NULL,
            sent_at {timestamp},
            last_error text
        );
        CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (state, due_at);
        CREATE INDEX IF NOT EXISTS mail_outbox_created ON mail_outbox (created_at);
        """;

    /// <summary>True when <see cref="SqlBatch"/> numbers a statement's parameters ($1, $2...) instead of naming them.</summary>
    public virtual bool NumbersParameters => false;

    /// <summary>Runs statements as one command (one round trip where the database is remote), in the transaction if given.</summary>
    public virtual async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        foreach (var (name, value) in statements.SelectMany(s => s.Parameters))
        {
            parameters.Add(name, value);
        }
        var sql = string.Join(";\n", statements.Select(s => s.Sql));
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }

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

    /// <summary>
    /// True when the error says the append lost a race: the events table's unique (stream_id, stream_version), or
    /// (PostgreSQL) a head that did not move; <paramref name="streamId"/> is the stream when the error names it.
    /// </summary>
    public abstract bool IsStaleAppend(DbException exception, out string? streamId);
}
