using System.Data.Common;
using System.Text;
using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public async Task<StreamSlice> ReadStreamAsync(string streamId, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.EventColumns} FROM events WHERE stream_id = @streamId ORDER BY stream_version",
            new { streamId }, cancellationToken: ct));
        var events = await Rows.EventsAsync(reader, ct);
        // The version comes from the events themselves, so it always matches what was read.
        return new StreamSlice(streamId, events.Count == 0 ? 0 : events[^1].StreamVersion, events);
    }

    public async Task<IReadOnlyList<long>> AppendAsync(
        IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<ReadModelWrite> readModels,
        CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await using var transaction = await Dialect.BeginAsync(connection, ct);
        var versions = await AppendAsync(connection, transaction, appends, readModels, ct);
        await transaction.CommitAsync(ct);
        return versions;
    }

    /// <summary>Appends within the caller's transaction, which the caller commits (or not).</summary>
    internal async Task<IReadOnlyList<long>> AppendAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<StreamAppend> appends,
        IReadOnlyList<ReadModelWrite> readModels,
        CancellationToken ct = default)
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

        // Heads in stream-id order: two multi-stream appends then lock in the same order and cannot deadlock.
        var ordered = appends.OrderBy(a => a.StreamId, StringComparer.Ordinal).ToList();
        if (appends.Count == 1 && Dialect.MovesHeadWithEvents)
        {
            // One stream, as most commands append: its head moves in the statement that inserts its events, one
            // round trip instead of two, and a lost race changes nothing. (With several streams a later one's
            // conflict would come after earlier ones' events, so they keep to heads first.)
            await InsertEventsAsync(connection, transaction, appends[0], moveHead: true, ct);
        }
        else
        {
            // Heads first, all of them, so a conflict is found before any event is written.
            foreach (var append in ordered)
            {
                await MoveHeadAsync(connection, transaction, append, ct);
            }
            foreach (var append in appends)
            {
                await InsertEventsAsync(connection, transaction, append, moveHead: false, ct);
            }
        }

        var batch = new ReadModelBatch(Dialect);
        foreach (var write in readModels)
        {
            batch.Add(write);
        }
        await batch.FlushAsync(connection, transaction, ct);

        return [.. appends.Select(a => a.ExpectedVersion + a.Events.Count)];
    }

    /// <summary>
    /// Check-and-bump: the stream's version moves from the expected one to the new one, or nothing changes and
    /// the append is refused. On PostgreSQL a concurrent writer of the same stream waits here for the first one.
    /// </summary>
    private async Task MoveHeadAsync(DbConnection connection, DbTransaction transaction, StreamAppend append, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            MoveHeadSql(append, parameters), parameters, transaction, cancellationToken: ct));
        if (moved != 1)
        {
            throw new ConcurrencyException(append.StreamId, append.ExpectedVersion);
        }
    }

    /// <summary>The check-and-bump statement (one row changed, or none when the append is refused), its parameters added.</summary>
    private string MoveHeadSql(StreamAppend append, DynamicParameters parameters)
    {
        parameters.Add("head_id", append.StreamId);
        parameters.Add("head_version", append.ExpectedVersion + append.Events.Count);
        if (append.ExpectedVersion == 0)
        {
            parameters.Add("head_type", append.StreamType);
            return $"""
                INSERT INTO streams (id, type, version, created_at, updated_at)
                VALUES (@head_id, @head_type, @head_version, {Dialect.Now}, {Dialect.Now})
                ON CONFLICT (id) DO NOTHING
                """;
        }
        parameters.Add("head_expected", append.ExpectedVersion);
        return $"""
            UPDATE streams SET version = @head_version, updated_at = {Dialect.Now}
            WHERE id = @head_id AND version = @head_expected
            """;
    }

    /// <summary>
    /// Inserts the append's events; with <paramref name="moveHead"/> the first statement also moves the stream's head
    /// (a data-modifying CTE) and inserts only if it moved, else <see cref="ConcurrencyException"/>.
    /// </summary>
    private async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, StreamAppend append, bool moveHead, CancellationToken ct)
    {
        var eventsPerStatement = Math.Max(1, Dialect.ParametersPerCommand / 5);
        for (var first = 0; first < append.Events.Count; first += eventsPerStatement)
        {
            var parameters = new DynamicParameters(new { stream = append.StreamId });
            var withHead = moveHead && first == 0;
            var values = new StringBuilder();
            for (var i = first; i < Math.Min(first + eventsPerStatement, append.Events.Count); i++)
            {
                var e = append.Events[i];
                parameters.Add($"e{i}", Dialect.Uuid(e.EventId));
                parameters.Add($"v{i}", append.ExpectedVersion + i + 1);
                parameters.Add($"t{i}", e.Type);
                parameters.Add($"d{i}", e.Data);
                parameters.Add($"m{i}", e.Metadata);
                values.Append(i == first ? "" : ", ")
                    .Append($"(@e{i}, @stream, @v{i}, @t{i}, {Dialect.Json($"@d{i}")}, {Dialect.Json($"@m{i}")})");
            }
            var count = Math.Min(eventsPerStatement, append.Events.Count - first);
            var sql = withHead
                ? $"""
                    WITH head AS ({MoveHeadSql(append, parameters)} RETURNING 1)
                    INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata)
                    SELECT v.* FROM head CROSS JOIN (VALUES {values}) AS v
                    """
                : $"INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata) VALUES {values}";
            try
            {
                var inserted = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
                if (withHead && inserted != count)
                {
                    throw new ConcurrencyException(append.StreamId, append.ExpectedVersion);
                }
            }
            catch (DbException e) when (Dialect.IsStreamVersionClash(e))
            {
                // The head said the versions were free; an events row says otherwise. Still a lost race, not a crash.
                throw new ConcurrencyException(append.StreamId, append.ExpectedVersion);
            }
        }
    }
}
