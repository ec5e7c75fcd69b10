using System.Data.Common;
using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(GlobalCheckpoint after, int maxCount, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        return await ReadAllAsync(connection, null, after, maxCount, ct);
    }

    public async Task<GlobalCheckpoint> GetCheckpointAsync(string consumer, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        return await ReadCheckpointAsync(connection, null, consumer, lockRow: false, ct) ?? GlobalCheckpoint.Start;
    }

    public async Task<bool> StartCheckpointAtEndAsync(string consumer, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        // The last event in the global order among those settled: any event committed later comes after it.
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT tx, global_position FROM events WHERE 1 = 1 {Dialect.OnlySettledTransactions} ORDER BY tx DESC, global_position DESC LIMIT 1",
            cancellationToken: ct));
        var end = await reader.ReadAsync(ct) ? new GlobalCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)) : GlobalCheckpoint.Start;
        await reader.DisposeAsync();
        var start = new DynamicParameters(new { consumer, position = end.Position });
        start.Add("tx", Dialect.Tx(end.Transaction));
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO checkpoints (consumer, tx, position) VALUES (@consumer, @tx, @position) ON CONFLICT (consumer) DO NOTHING",
            start, cancellationToken: ct)) == 1;
    }

    public async Task<int> ProcessAsync(
        string consumer,
        int batchSize,
        Func<IReadOnlyList<RecordedEvent>, IStoreTransaction, CancellationToken, Task> handle,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        await using var connection = await Dialect.OpenAsync(ct);
        // Disposing the transaction without a commit rolls back: a handler that throws leaves no trace.
        await using var transaction = await Dialect.BeginAsync(connection, ct);

        // Locking the row serialises the consumer's instances: the second waits, then reads the first's checkpoint.
        var start = new DynamicParameters(new { consumer });
        start.Add("tx", Dialect.Tx(0));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO checkpoints (consumer, tx, position) VALUES (@consumer, @tx, 0) ON CONFLICT (consumer) DO NOTHING",
            start, transaction, cancellationToken: ct));
        var checkpoint = await ReadCheckpointAsync(connection, transaction, consumer, lockRow: true, ct) ?? GlobalCheckpoint.Start;

        var events = await ReadAllAsync(connection, transaction, checkpoint, batchSize, ct);
        if (events.Count > 0)
        {
            await handle(events, new StoreTransaction(connection, transaction, Dialect), ct);

            var last = events[^1].Checkpoint;
            var advance = new DynamicParameters(new { consumer, position = last.Position });
            advance.Add("tx", Dialect.Tx(last.Transaction));
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE checkpoints SET tx = @tx, position = @position, updated_at = {Dialect.Now} WHERE consumer = @consumer",
                advance, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
        return events.Count;
    }

    private async Task<List<RecordedEvent>> ReadAllAsync(
        DbConnection connection, DbTransaction? transaction, GlobalCheckpoint after, int maxCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var parameters = new DynamicParameters(new { position = after.Position, limit = maxCount });
        parameters.Add("tx", Dialect.Tx(after.Transaction));
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT {Rows.EventColumns} FROM events
            WHERE (tx, global_position) > (@tx, @position) {Dialect.OnlySettledTransactions}
            ORDER BY tx, global_position
            LIMIT @limit
            """,
            parameters, transaction, cancellationToken: ct));
        return await Rows.EventsAsync(reader, ct);
    }

    private async Task<GlobalCheckpoint?> ReadCheckpointAsync(
        DbConnection connection, DbTransaction? transaction, string consumer, bool lockRow, CancellationToken ct)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT tx, position FROM checkpoints WHERE consumer = @consumer {(lockRow ? Dialect.ForUpdate : "")}",
            new { consumer }, transaction, cancellationToken: ct));
        return await reader.ReadAsync(ct)
            ? new GlobalCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : null;
    }
}
