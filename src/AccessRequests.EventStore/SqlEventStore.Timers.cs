using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public async Task<IReadOnlyList<ScheduledTimer>> ClaimDueTimersAsync(
        DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var connection = await Dialect.OpenAsync(ct);
        await using var transaction = await Dialect.BeginAsync(connection, ct);
        // PostgreSQL: rows another claimer has locked are skipped, and a row whose lease a claimer committed after
        // this statement began is re-checked against the new lease when it is locked, so no two claims overlap.
        // The CTE is materialised so that the LIMIT is applied once, whatever plan the join gets.
        // SQLite: the transaction holds the writer lock (BEGIN IMMEDIATE), so claims run one after another.
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            WITH due AS MATERIALIZED (
                SELECT id FROM timers
                WHERE due_at <= @now AND (leased_until IS NULL OR leased_until <= @now)
                ORDER BY due_at, id
                LIMIT @max
                {Dialect.ForUpdateSkipLocked})
            UPDATE timers SET leased_until = @until
            WHERE id IN (SELECT id FROM due)
            RETURNING {Rows.TimerColumns}
            """,
            new { now = Dialect.Time(now), until = Dialect.Time(now + lease), max }, transaction, cancellationToken: ct));
        var claimed = await Rows.TimersAsync(reader, ct);
        await reader.DisposeAsync();
        await transaction.CommitAsync(ct);
        // RETURNING promises no order.
        return [.. claimed.OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    public async Task CompleteTimerAsync(ScheduledTimer timer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await using var connection = await Dialect.OpenAsync(ct);
        await using var transaction = await Dialect.BeginAsync(connection, ct);
        // Only the schedule that was claimed: a timer moved meanwhile has other values and stays.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            DELETE FROM timers
            WHERE id = @id AND stream_id = @streamId AND kind = @kind AND due_at = @dueAt AND payload = {Dialect.Json("@payload")}
            """,
            // Lower-case names: Microsoft.Data.Sqlite matches parameter names case-sensitively.
            new { id = timer.Id, streamId = timer.StreamId, kind = timer.Kind, dueAt = Dialect.Time(timer.DueAt), payload = timer.Payload },
            transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<ScheduledTimer>> ListTimersAsync(string streamId, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.TimerColumns} FROM timers WHERE stream_id = @streamId ORDER BY due_at, id",
            new { streamId }, cancellationToken: ct));
        return await Rows.TimersAsync(reader, ct);
    }
}
