namespace AccessRequests.EventStore;

/// <summary>How a user wants their notifications by e-mail: each at once, or gathered in one e-mail a day.</summary>
public enum MailFrequency
{
    Immediate,
    Daily,
}

/// <summary>
/// What the service knows of a person to reach them: name and address from their last sign-in, and the language and
/// e-mail frequency they chose (English and immediate until they choose).
/// </summary>
public sealed record UserProfile(string UserId, string Name, string? Email, string Language, MailFrequency Frequency, DateTimeOffset UpdatedAt);

/// <summary>
/// One entry of a user's notification list. <see cref="Data"/> is a JSON object of the facts the text is made from
/// (rendered in the reader's language when shown).
/// </summary>
public sealed record NotificationRow(
    Guid Id, string UserId, string Kind, Guid? ApplicationId, string Data, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>
/// A notification to add, and when it goes out in its user's daily digest (null: it is mailed at once, or not at all).
/// </summary>
public sealed record NewNotification(NotificationRow Row, DateTimeOffset? DigestDueAt);

/// <summary>An e-mail, rendered, waiting in the outbox or sent.</summary>
public sealed record OutgoingMail(Guid Id, string To, string? ToName, string Language, string Subject, string Text, string Html, DateTimeOffset CreatedAt);

public enum MailState
{
    /// <summary>Not sent yet: waiting for its first try or for the next after a failure.</summary>
    Pending,
    Sent,

    /// <summary>Given up after the last attempt; an admin may put it back.</summary>
    Failed,
}

public sealed record MailRow(OutgoingMail Mail, MailState State, int Attempts, DateTimeOffset DueAt, DateTimeOffset? SentAt, string? LastError);

/// <summary>
/// Notifications: who people are (for addresses and languages), each user's notification list, the e-mail outbox and
/// its retries. The notification consumer writes through the transaction of its checkpoint, so that the list and the
/// outbox hold each event's notifications once.
/// </summary>
public interface INotificationStore
{
    /// <summary>
    /// Records the user's name and e-mail address as their sign-in gave them; a new user gets <paramref name="language"/>
    /// and immediate e-mail; a known user keeps the language and frequency they chose.
    /// </summary>
    Task SaveUserAsync(string userId, string name, string? email, string language, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The known users among <paramref name="userIds"/> (unknown ids are left out).</summary>
    Task<IReadOnlyList<UserProfile>> GetUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    /// <summary>Sets the user's language and e-mail frequency (a user not known yet is added with their id as name).</summary>
    Task SetPreferencesAsync(string userId, string language, MailFrequency frequency, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Adds notifications and e-mails in the consumer's open transaction.</summary>
    Task AddNotificationsAsync(
        IStoreTransaction transaction, IReadOnlyList<NewNotification> notifications, IReadOnlyList<OutgoingMail> mails, CancellationToken ct = default);

    /// <summary>The user's notifications, newest first.</summary>
    Task<IReadOnlyList<NotificationRow>> ListNotificationsAsync(string userId, int limit, CancellationToken ct = default);

    Task<int> CountUnreadAsync(string userId, CancellationToken ct = default);

    /// <summary>Marks the user's notifications read (<paramref name="ids"/> null: all of them); returns how many changed.</summary>
    Task<int> MarkReadAsync(string userId, IReadOnlyCollection<Guid>? ids, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// For each user with a digest due (a notification whose <see cref="NewNotification.DigestDueAt"/> is at or before
    /// <paramref name="now"/>): all their notifications still waiting for a digest go to <paramref name="compose"/>; the
    /// mail it returns (none: nothing to send) is added to the outbox and those notifications leave the digest queue, in
    /// one transaction per user. Returns the number of mails added.
    /// </summary>
    Task<int> QueueDigestsAsync(
        DateTimeOffset now, Func<string, IReadOnlyList<NotificationRow>, Task<OutgoingMail?>> compose, CancellationToken ct = default);

    /// <summary>Pending mails due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<MailRow>> DueMailAsync(DateTimeOffset now, int max, CancellationToken ct = default);

    Task MarkMailSentAsync(Guid mailId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Counts a failed attempt: pending again at <paramref name="retryAt"/>, or failed for good when it is null.</summary>
    Task MarkMailAttemptFailedAsync(Guid mailId, string error, DateTimeOffset? retryAt, CancellationToken ct = default);

    /// <summary>Mails in <paramref name="state"/> (null: any), newest first.</summary>
    Task<IReadOnlyList<MailRow>> ListMailAsync(MailState? state, int limit, CancellationToken ct = default);

    /// <summary>Puts a failed mail back in the outbox, due at <paramref name="now"/>; false when there is no failed mail with that id.</summary>
    Task<bool> RetryMailAsync(Guid mailId, DateTimeOffset now, CancellationToken ct = default);
}
