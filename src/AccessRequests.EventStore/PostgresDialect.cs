using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace AccessRequests.EventStore;

internal sealed class PostgresDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    /// <summary>Serialises concurrent InitializeAsync calls: CREATE ... IF NOT EXISTS races on the catalogue otherwise.</summary>
    private const long SchemaLock = 0x4163636573735265; // "AccessRe"

    public NpgsqlDataSource DataSource => dataSource;

    public override string Now => "now()";

    // Transactions below the snapshot's xmin have all ended, and any transaction that has not ended yet has an
    // id at or above it, so whatever it commits later sorts after everything read now.
    public override string OnlySettledTransactions => "AND tx < pg_snapshot_xmin(pg_current_snapshot())";

    public override string ForUpdate => "FOR UPDATE";

    // SHARE conflicts with the ROW EXCLUSIVE lock that an append's write to streams takes, and not with readers.
    public override string ForUpdateSkipLocked => "FOR UPDATE SKIP LOCKED";

    public override string LockOutAppends => "LOCK TABLE streams IN SHARE MODE";

    public override bool AppendsInOneCommand => true;

    /// <summary>The SQLSTATE of <c>stream_head_moved</c>'s refusal; its message is the stream's id.</summary>
    private const string StaleHead = "AR409";

    public override string HeadMoved(string moved, string stream, string expected) => $"stream_head_moved({moved}, {stream}, {expected})";

    public override bool NumbersParameters => true;

    public override async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, CancellationToken ct)
    {
        // Without a transaction the batch is still all or nothing: Npgsql ends it with one Sync, so PostgreSQL runs
        // it as one implicit transaction and skips what follows a failed statement.
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            foreach (var (_, value) in statement.Parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    public override string Json(string parameter) => $"{parameter}::jsonb";

    protected override object FormatTime(DateTimeOffset utc) => utc;

    public override object Tx(ulong value) => new Xid8Parameter(value);

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct);

    public override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(ct);

    public override async Task CreateSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = SchemaLock }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition($"{Schema}\n{Notifications}", transaction: transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public override Task<ILeadership?> TryAcquireLeadershipAsync(string duty, CancellationToken ct) =>
        PostgresLeadership.TryAcquireAsync(dataSource, duty, ct);

    public override bool IsStaleAppend(DbException exception, out string? streamId)
    {
        streamId = exception is PostgresException { SqlState: StaleHead } e ? e.MessageText : null;
        return streamId is not null
            || exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "events_stream_version_key" };
    }

    /// <summary>Dapper binds ulong as DbType.UInt64, which Npgsql refuses; xid8 has to be named.</summary>
    private sealed record Xid8Parameter(ulong Value) : SqlMapper.ICustomQueryParameter
    {
        public void AddParameter(IDbCommand command, string name) =>
            command.Parameters.Add(new NpgsqlParameter<ulong>(name, NpgsqlDbType.Xid8) { TypedValue = Value });
    }

    private static readonly string Notifications = NotificationsSchema(uuid: "uuid", json: "jsonb", timestamp: "timestamptz");

    private const string Schema = $"""
        CREATE TABLE IF NOT EXISTS streams (
            id text PRIMARY KEY,
            type text NOT NULL,
            version bigint NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now(),
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS events (
            -- No index of its own: global reads go by (tx, global_position), streams by their key, and every index
            -- is paid for on each append.
            global_position bigint GENERATED ALWAYS AS IDENTITY,
            event_id uuid NOT NULL CONSTRAINT events_event_id_key UNIQUE,
            stream_id text NOT NULL,
            stream_version bigint NOT NULL,
            type text NOT NULL,
            data jsonb NOT NULL,
            metadata jsonb NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
            CONSTRAINT events_stream_version_key PRIMARY KEY (stream_id, stream_version)
        );
        CREATE INDEX IF NOT EXISTS events_tx_position ON events (tx, global_position);
        -- The events are the audit trail: no connection of the service may change or remove one, whatever its grants
        -- (a bug, an injected statement, a tired operator). Only the table's owner can drop the triggers.
        CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = 'AR423', MESSAGE = format('events are append-only: %s is refused', TG_OP);
        END
        $$;
        CREATE OR REPLACE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
            FOR EACH ROW EXECUTE FUNCTION events_append_only();
        CREATE OR REPLACE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
            FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
        -- An append's events are inserted only where this is true: their stream's head moved from the expected version
        -- (1 row). Otherwise it fails the statement, and with it the append's whole command, naming the stream.
        CREATE OR REPLACE FUNCTION stream_head_moved(moved bigint, stream text, expected bigint) RETURNS boolean
        LANGUAGE plpgsql AS $$
        BEGIN
            IF moved <> 1 THEN
                RAISE EXCEPTION USING ERRCODE = 'AR409', MESSAGE = stream,
                    HINT = format('The stream is not at version %s: another writer changed it first.', expected);
            END IF;
            RETURN true;
        END
        $$;
        CREATE TABLE IF NOT EXISTS checkpoints (
            consumer text PRIMARY KEY,
            tx xid8 NOT NULL,
            position bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS applications (
            id uuid PRIMARY KEY,
            applicant_id text NOT NULL,
            status text NOT NULL,
            title text,
            version bigint NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            submitted_at timestamptz,
            deadline timestamptz,
            detail text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS application_participants (
            application_id uuid NOT NULL,
            user_id text NOT NULL,
            relation text NOT NULL,
            PRIMARY KEY (application_id, user_id, relation)
        );
        CREATE INDEX IF NOT EXISTS application_participants_user ON application_participants (user_id, relation);
        -- The todo inbox's order: with it a page of the oldest deadlines is found by walking the index, not by sorting every waiting application.
        CREATE INDEX IF NOT EXISTS applications_inbox_order ON applications (deadline, updated_at, id);
        {DocumentsGenerationSchema}
        CREATE TABLE IF NOT EXISTS documents (
            collection text NOT NULL,
            id text NOT NULL,
            json jsonb NOT NULL,
            PRIMARY KEY (collection, id)
        );
        CREATE TABLE IF NOT EXISTS timers (
            id text PRIMARY KEY,
            stream_id text NOT NULL,
            kind text NOT NULL,
            due_at timestamptz NOT NULL,
            payload jsonb NOT NULL,
            leased_until timestamptz
        );
        CREATE INDEX IF NOT EXISTS timers_due ON timers (due_at);
        CREATE INDEX IF NOT EXISTS timers_stream ON timers (stream_id);
        CREATE TABLE IF NOT EXISTS grants (
            grant_id uuid PRIMARY KEY,
            application_id uuid NOT NULL,
            user_id text NOT NULL,
            dataset_id text NOT NULL,
            location text NOT NULL,
            dac_id text NOT NULL,
            valid_from timestamptz NOT NULL,
            valid_until timestamptz NOT NULL,
            status text NOT NULL,
            updated_at timestamptz NOT NULL,
            detail text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS grants_application ON grants (application_id);
        CREATE INDEX IF NOT EXISTS grants_user ON grants (user_id, valid_from);
        CREATE INDEX IF NOT EXISTS grants_dataset ON grants (dataset_id, valid_from);
        CREATE INDEX IF NOT EXISTS grants_location ON grants (location, valid_from);
        """;
}
