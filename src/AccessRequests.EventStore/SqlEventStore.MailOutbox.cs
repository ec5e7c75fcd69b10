using Dapper;

namespace AccessRequests.EventStore;

/// <summary>
/// The e-mail outbox: a mail is pending from the moment it is added (due at its creation), and each attempt to send
/// it ends as sent, pending again later, or failed for good. <see cref="MailRow.Attempts"/> counts the failed ones.
/// </summary>
public abstract partial class SqlEventStore
{
    public async Task<IReadOnlyList<MailRow>> DueMailAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.MailColumns} FROM mail_outbox WHERE state = @pending AND due_at <= @now ORDER BY due_at, id LIMIT @max",
            new { pending = Rows.Name(MailState.Pending), now = Dialect.Time(now), max }, cancellationToken: ct));
        return await Rows.MailsAsync(reader, ct);
    }

    public async Task MarkMailSentAsync(Guid mailId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mail_outbox SET state = @sent, sent_at = @at WHERE id = @id",
            new { sent = Rows.Name(MailState.Sent), at = Dialect.Time(at), id = Dialect.Uuid(mailId) }, cancellationToken: ct));
    }

    public async Task MarkMailAttemptFailedAsync(Guid mailId, string error, DateTimeOffset? retryAt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var connection = await Dialect.OpenAsync(ct);
        // Only a pending mail is being tried: one sent or given up meanwhile keeps its state.
        var next = retryAt is null ? "state = @failed" : "due_at = @retryAt";
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE mail_outbox SET attempts = attempts + 1, last_error = @error, {next} WHERE id = @id AND state = @pending",
            new
            {
                id = Dialect.Uuid(mailId),
                error,
                retryAt = Dialect.Time(retryAt),
                pending = Rows.Name(MailState.Pending),
                failed = Rows.Name(MailState.Failed),
            },
            cancellationToken: ct));
    }

    public async Task<IReadOnlyList<MailRow>> ListMailAsync(MailState? state, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT {Rows.MailColumns} FROM mail_outbox
            {(state is null ? "" : "WHERE state = @state")}
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """,
            new { state = state is { } s ? Rows.Name(s) : null, limit }, cancellationToken: ct));
        return await Rows.MailsAsync(reader, ct);
    }

    public async Task<bool> RetryMailAsync(Guid mailId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        // A fresh start: the dispatcher's back-off counts from the attempts, so they go back to none. The last error
        // stays, to say why it was given up.
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE mail_outbox SET state = @pending, attempts = 0, due_at = @now WHERE id = @id AND state = @failed",
            new
            {
                id = Dialect.Uuid(mailId),
                now = Dialect.Time(now),
                pending = Rows.Name(MailState.Pending),
                failed = Rows.Name(MailState.Failed),
            },
            cancellationToken: ct));
        return changed == 1;
    }

    /// <summary>Adds an insert of a new pending mail, due at once; an id already in the outbox is left as it is.</summary>
    private void AddMail(SqlBatch sql, OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        sql.Add($"""
            INSERT INTO mail_outbox (id, recipient, recipient_name, language, subject, text_body, html_body, created_at, state, attempts, due_at)
            VALUES ({sql.Param(Dialect.Uuid(mail.Id))}, {sql.Param(mail.To)}, {sql.Param(mail.ToName)}, {sql.Param(mail.Language)},
                {sql.Param(mail.Subject)}, {sql.Param(mail.Text)}, {sql.Param(mail.Html)}, {sql.Param(Dialect.Time(mail.CreatedAt))},
                {sql.Param(Rows.Name(MailState.Pending))}, 0, {sql.Param(Dialect.Time(mail.CreatedAt))})
            ON CONFLICT (id) DO NOTHING
            """);
    }
}
