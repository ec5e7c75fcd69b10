using System.Data.Common;
using System.Text;
using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public Task<StreamSlice> ReadStreamAsync(string streamId, CancellationToken ct = default) => ReadStreamAsync(streamId, 0, ct);

    public async Task<StreamSlice> ReadStreamAsync(string streamId, long afterVersion, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.EventColumns} FROM events WHERE stream_id = @streamId AND stream_version > @afterVersion ORDER BY stream_version",
            new { streamId, afterVersion }, cancellationToken: ct));
        var events = await Rows.EventsAsync(reader, ct);
        // The version comes from the events themselves, so it always matches what was read.
        return new StreamSlice(streamId, events.Count == 0 ? afterVersion : events[^1].StreamVersion, events);
    }

    public async Task<IReadOnlyList<long>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<ReadModelWrite> readModels,
        CancellationToken ct = default)
    {
        CheckAppends(appends, readModels);
        var sql = AppendStatements(appends, readModels);
        await using var connection = await Dialect.OpenAsync(ct);
        if (Dialect.AppendsInOneCommand && sql.Commands == 1)
        {
            // A command of several statements is one implicit transaction: all of it or nothing, in one round trip.
            await ExecuteAppendAsync(sql, connection, null, appends, ct);
            return Versions(appends);
        }
        await using var transaction = await Dialect.BeginAsync(connection, ct);
        await WriteAppendAsync(sql, connection, transaction, appends, ct);
        await transaction.CommitAsync(ct);
        return Versions(appends);
    }

    /// <summary>Appends within the caller's transaction, which the caller commits (or not).</summary>
    internal async Task<IReadOnlyList<long>> AppendAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<ReadModelWrite> readModels,
        CancellationToken ct = default)
    {
        CheckAppends(appends, readModels);
        await WriteAppendAsync(AppendStatements(appends, readModels), connection, transaction, appends, ct);
        return Versions(appends);
    }

    /// <summary>The append's statements in the transaction; where heads are not moved inside them, all heads first.</summary>
    private async Task WriteAppendAsync(
        SqlBatch sql, DbConnection connection, DbTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        if (!Dialect.AppendsInOneCommand)
        {
            // Heads first, all of them, so a conflict is found before any event is written.
            foreach (var append in InLockOrder(appends))
            {
                await MoveHeadAsync(connection, transaction, append, ct);
            }
        }
        await ExecuteAppendAsync(sql, connection, transaction, appends, ct);
    }

    private static void CheckAppends(IReadOnlyList<StreamAppend> appends, IReadOnlyList<ReadModelWrite> readModels)
    {
        ArgumentNullException.ThrowIfNull(appends);
        ArgumentNullException.ThrowIfNull(readModels);
        foreach (var append in appends)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(append.ExpectedVersion, nameof(StreamAppend.ExpectedVersion));
            if (append.Events.Count == 0)
            {
                throw new ArgumentException($"The append to stream '{append.StreamId}' has no events.", nameof(appends));
            }
        }
    }

    private static IReadOnlyList<long> Versions(IReadOnlyList<StreamAppend> appends) =>
        [.. appends.Select(a => a.ExpectedVersion + a.Events.Count)];

    /// <summary>Heads in stream-id order: two multi-stream appends then lock in the same order and cannot deadlock.</summary>
    private static IEnumerable<StreamAppend> InLockOrder(IReadOnlyList<StreamAppend> appends) =>
        appends.OrderBy(a => a.StreamId, StringComparer.Ordinal);

    /// <summary>
    /// The events' inserts (on PostgreSQL each stream's first one also moving its head) and the read-model writes.
    /// </summary>
    private SqlBatch AppendStatements(IReadOnlyList<StreamAppend> appends, IReadOnlyList<ReadModelWrite> readModels)
    {
        var sql = new SqlBatch(Dialect);
        foreach (var append in InLockOrder(appends))
        {
            AddEvents(sql, append, moveHead: Dialect.AppendsInOneCommand);
        }
        var batch = new ReadModelBatch(Dialect);
        foreach (var write in readModels)
        {
            batch.Add(write);
        }
        batch.WriteTo(sql);
        return sql;
    }

    private async Task ExecuteAppendAsync(
        SqlBatch sql, DbConnection connection, DbTransaction? transaction, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        try
        {
            await sql.ExecuteAsync(connection, transaction, ct);
        }
        catch (DbException e) when (Dialect.IsStaleAppend(e, out var streamId))
        {
            // A head that did not move, or an events row where the head said the versions were free: a lost race.
            var stale = appends.FirstOrDefault(a => a.StreamId == streamId) ?? appends[0];
            throw new ConcurrencyException(stale.StreamId, stale.ExpectedVersion);
        }
    }

    /// <summary>
    /// Check-and-bump: the stream's version moves from the expected one to the new one, or nothing changes and
    /// the append is refused. A concurrent writer of the same stream waits here for the first one.
    /// </summary>
    private async Task MoveHeadAsync(DbConnection connection, DbTransaction transaction, StreamAppend append, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var count = 0;
        var sql = MoveHeadSql(append, value =>
        {
            var name = $"h{count++}";
            parameters.Add(name, value);
            return "@" + name;
        });
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct)) != 1)
        {
            throw new ConcurrencyException(append.StreamId, append.ExpectedVersion);
        }
    }

    /// <summary>The check-and-bump statement (one row changed, or none when the append is refused), its values bound by <paramref name="param"/>.</summary>
    private string MoveHeadSql(StreamAppend append, Func<object?, string> param)
    {
        var id = param(append.StreamId);
        var version = param(append.ExpectedVersion + append.Events.Count);
        if (append.ExpectedVersion == 0)
        {
            return $"""
                INSERT INTO streams (id, type, version, created_at, updated_at)
                VALUES ({id}, {param(append.StreamType)}, {version}, {Dialect.Now}, {Dialect.Now})
                ON CONFLICT (id) DO NOTHING
                """;
        }
        return $"""
            UPDATE streams SET version = {version}, updated_at = {Dialect.Now}
            WHERE id = {id} AND version = {param(append.ExpectedVersion)}
            """;
    }

    /// <summary>
    /// Adds the inserts of the append's events; with <paramref name="moveHead"/> the first one also moves the stream's
    /// head (a data-modifying CTE) and fails with the dialect's stale-append error when it does not move.
    /// </summary>
    private void AddEvents(SqlBatch sql, StreamAppend append, bool moveHead)
    {
        var eventsPerStatement = Math.Max(1, Dialect.ParametersPerCommand / 5);
        for (var first = 0; first < append.Events.Count; first += eventsPerStatement)
        {
            var stream = sql.Param(append.StreamId);
            var values = new StringBuilder();
            for (var i = first; i < Math.Min(first + eventsPerStatement, append.Events.Count); i++)
            {
                var e = append.Events[i];
                values.Append(i == first ? "" : ", ")
                    .Append($"({sql.Param(Dialect.Uuid(e.EventId))}, {stream}, {sql.Param(append.ExpectedVersion + i + 1)}, ")
                    .Append($"{sql.Param(e.Type)}, {Dialect.Json(sql.Param(e.Data))}, {Dialect.Json(sql.Param(e.Metadata))})");
            }
            sql.Add(moveHead && first == 0
                ? $"""
                    WITH head AS ({MoveHeadSql(append, sql.Param)} RETURNING 1)
                    INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
                    SELECT v.* FROM (VALUES {values}) AS v
                    WHERE {Dialect.HeadMoved("(SELECT count(*) FROM head)", stream, sql.Param(append.ExpectedVersion))}
                    """
                : $"INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata) VALUES {values}");
        }
    }
}
