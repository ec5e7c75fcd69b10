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

        // Heads first, all of them, in stream-id order: two multi-stream appends then lock in the same order
        // and cannot deadlock, and a conflict is found before any event is written.
        foreach (var append in appends.OrderBy(a => a.StreamId, StringComparer.Ordinal))
        {
            await MoveHeadAsync(connection, transaction, append, ct);
        }
        foreach (var append in appends)
        {
            await InsertEventsAsync(connection, transaction, append, ct);
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
        var sql = append.ExpectedVersion == 0
            ? $"""
                INSERT INTO streams (id, type, version, created_at, updated_at)
                VALUES (@id, @type, @version, {Dialect.Now}, {Dialect.Now})
                ON CONFLICT (id) DO NOTHING
                """
            : $"""
                UPDATE streams SET version = @version, updated_at = {Dialect.Now}
                WHERE id = @id AND version = @expected
                """;
        var moved = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            id = append.StreamId,
            type = append.StreamType,
            version = append.ExpectedVersion + append.Events.Count,
            expected = append.ExpectedVersion,
        }, transaction, cancellationToken: ct));
        if (moved != 1)
        {
            throw new ConcurrencyException(append.StreamId, append.ExpectedVersion);
        }
    }

    private async Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, StreamAppend append, CancellationToken ct)
    {
        var eventsPerStatement = Math.Max(1, Dialect.ParametersPerCommand / 5);
        for (var first = 0; first < append.Events.Count; first += eventsPerStatement)
        {
            var parameters = new DynamicParameters(new { stream = append.StreamId });
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
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO events (event_id, stream_id, stream_version, type, data, metadata) VALUES {values}",
                    parameters, transaction, cancellationToken: ct));
            }
            catch (DbException e) when (Dialect.IsStreamVersionClash(e))
            {
                // The head said the versions were free; an events row says otherwise. Still a lost race, not a crash.
                throw new ConcurrencyException(append.StreamId, append.ExpectedVersion);
            }
        }
    }
}
