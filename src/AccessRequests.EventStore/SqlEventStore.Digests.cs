using System.Data.Common;
using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public async Task<int> QueueDigestsAsync(
        DateTimeOffset now, Func<string, IReadOnlyList<NotificationRow>, Task<OutgoingMail?>> compose, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(compose);
        await using var connection = await Dialect.OpenAsync(ct);
        var users = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT user_id FROM notifications WHERE digest_due_at IS NOT NULL AND digest_due_at <= @now ORDER BY user_id",
            new { now = Dialect.Time(now) }, cancellationToken: ct));
        var queued = 0;
        foreach (var userId in users)
        {
            queued += await QueueDigestAsync(connection, userId, compose, ct) ? 1 : 0;
        }
        return queued;
    }

    /// <summary>
    /// One user's digest. The mail is composed outside any transaction (it may read the store, and SQLite's writer lock
    /// would keep every other writer waiting meanwhile); the transaction then takes exactly the notifications it was
    /// made from out of the queue, and gives up (to the next round) if another instance took any of them first.
    /// Notifications added meanwhile are not in this mail and stay queued for the next.
    /// </summary>
    private async Task<bool> QueueDigestAsync(
        DbConnection connection, string userId, Func<string, IReadOnlyList<NotificationRow>, Task<OutgoingMail?>> compose,
        CancellationToken ct)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.NotificationColumns} FROM notifications WHERE user_id = @userId AND digest_due_at IS NOT NULL ORDER BY created_at, id",
            new { userId }, cancellationToken: ct));
        var waiting = await Rows.NotificationsAsync(reader, ct);
        await reader.DisposeAsync();
        if (waiting.Count == 0)
        {
            return false;
        }

        var mail = await compose(userId, waiting);

        await using var transaction = await Dialect.BeginAsync(connection, ct);
        var taken = 0;
        foreach (var chunk in waiting.Chunk(Dialect.ParametersPerCommand))
        {
            var parameters = new DynamicParameters();
            taken += await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE notifications SET digest_due_at = NULL WHERE digest_due_at IS NOT NULL AND id IN {parameters.InList("n", chunk.Select(n => Dialect.Uuid(n.Id)))}",
                parameters, transaction, cancellationToken: ct));
        }
        if (taken != waiting.Count)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }
        if (mail is not null)
        {
            var sql = new SqlBatch(Dialect);
            AddMail(sql, mail);
            await sql.ExecuteAsync(connection, transaction, ct);
        }
        await transaction.CommitAsync(ct);
        return mail is not null;
    }
}
