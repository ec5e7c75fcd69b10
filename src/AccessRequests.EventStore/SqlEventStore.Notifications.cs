using Dapper;

namespace AccessRequests.EventStore;

/// <summary>Users and their notification lists; the outbox is in SqlEventStore.MailOutbox, the digests in SqlEventStore.Digests.</summary>
public abstract partial class SqlEventStore : INotificationStore
{
    public async Task SaveUserAsync(string userId, string name, string? email, string language, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(language);
        await using var connection = await Dialect.OpenAsync(ct);
        // The language given is only the first guess for a new user; what a known user chose is theirs.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, name, email, language, frequency, updated_at)
            VALUES (@userId, @name, @email, @language, @frequency, @at)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, updated_at = excluded.updated_at
            """,
            new { userId, name, email, language, frequency = Rows.Name(MailFrequency.Immediate), at = Dialect.Time(at) },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<UserProfile>> GetUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var users = new List<UserProfile>();
        await using var connection = await Dialect.OpenAsync(ct);
        foreach (var chunk in userIds.Distinct(StringComparer.Ordinal).Chunk(Dialect.ParametersPerCommand))
        {
            var parameters = new DynamicParameters();
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT {Rows.UserColumns} FROM users WHERE id IN {parameters.InList("u", chunk)}",
                parameters, cancellationToken: ct));
            users.AddRange(await Rows.UsersAsync(reader, ct));
        }
        return users;
    }

    public async Task SetPreferencesAsync(string userId, string language, MailFrequency frequency, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(language);
        if (!Enum.IsDefined(frequency))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown e-mail frequency.");
        }
        await using var connection = await Dialect.OpenAsync(ct);
        // A user who chooses before the service has their name from a sign-in is known by their id until then.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (id, name, email, language, frequency, updated_at)
            VALUES (@userId, @userId, NULL, @language, @frequency, @at)
            ON CONFLICT (id) DO UPDATE SET language = excluded.language, frequency = excluded.frequency, updated_at = excluded.updated_at
            """,
            new { userId, language, frequency = Rows.Name(frequency), at = Dialect.Time(at) },
            cancellationToken: ct));
    }

    public async Task AddNotificationsAsync(
        IStoreTransaction transaction, IReadOnlyList<NewNotification> notifications, IReadOnlyList<OutgoingMail> mails, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(mails);
        // An id already there is left as it is: a consumer that runs an event again (after a crash between its
        // writes and its checkpoint's, in another store's transaction) adds nothing twice.
        var sql = new SqlBatch(Dialect);
        foreach (var (row, digestDueAt) in notifications)
        {
            sql.Add($"""
                INSERT INTO notifications (id, user_id, kind, application_id, data, created_at, read_at, digest_due_at)
                VALUES ({sql.Param(Dialect.Uuid(row.Id))}, {sql.Param(row.UserId)}, {sql.Param(row.Kind)},
                    {sql.Param(row.ApplicationId is { } application ? Dialect.Uuid(application) : null)},
                    {Dialect.Json(sql.Param(row.Data))}, {sql.Param(Dialect.Time(row.CreatedAt))},
                    {sql.Param(Dialect.Time(row.ReadAt))}, {sql.Param(Dialect.Time(digestDueAt))})
                ON CONFLICT (id) DO NOTHING
                """);
        }
        foreach (var mail in mails)
        {
            AddMail(sql, mail);
        }
        await sql.ExecuteAsync(transaction.Connection, transaction.Transaction, ct);
    }

    public async Task<IReadOnlyList<NotificationRow>> ListNotificationsAsync(string userId, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.NotificationColumns} FROM notifications WHERE user_id = @userId ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { userId, limit }, cancellationToken: ct));
        return await Rows.NotificationsAsync(reader, ct);
    }

    public async Task<int> CountUnreadAsync(string userId, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL",
            new { userId }, cancellationToken: ct));
    }

    public async Task<int> MarkReadAsync(string userId, IReadOnlyCollection<Guid>? ids, DateTimeOffset at, CancellationToken ct = default)
    {
        if (ids is { Count: 0 })
        {
            return 0;
        }
        await using var connection = await Dialect.OpenAsync(ct);
        var marked = 0;
        // Always within the user's own rows: an id of someone else's notification changes nothing. Without ids, one
        // pass over all of them.
        foreach (var chunk in ids is null ? [[]] : ids.Distinct().Chunk(Dialect.ParametersPerCommand))
        {
            var parameters = new DynamicParameters(new { userId, at = Dialect.Time(at) });
            var only = ids is null ? "" : $"AND id IN {parameters.InList("n", chunk.Select(Dialect.Uuid))}";
            marked += await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE notifications SET read_at = @at WHERE user_id = @userId AND read_at IS NULL {only}",
                parameters, cancellationToken: ct));
        }
        return marked;
    }
}
