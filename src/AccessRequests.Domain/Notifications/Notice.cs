namespace AccessRequests.Domain.Notifications;

/// <summary>
/// Something a person should learn about an application: what (<see cref="Kind"/>, one of <see cref="NoticeKinds"/>),
/// who, which page they act on, and the facts the text is made of. Never carries what the recipient may not see.
/// </summary>
public sealed record Notice(string Kind, NoticeRecipient To, NoticePage Page, IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>
    /// Which news this is for whom: one notice per key from one command. The kind and the person, and for expiry
    /// warnings what ends and on which day (a grant's and the ethics approval's end, or two days, are different news).
    /// </summary>
    public string Key => $"{Kind}|{To.Key}|{Facts.GetValueOrDefault("subject")}|{Facts.GetValueOrDefault("expires")}";
}

/// <summary>A user of the service, or (an invitee who has not signed in yet) an e-mail address.</summary>
public abstract record NoticeRecipient
{
    private NoticeRecipient() { }

    /// <param name="UserId">The user.</param>
    /// <param name="Email">Their address as the application recorded it, for when the service has none of its own.</param>
    /// <param name="Name">Their name as the application recorded it.</param>
    public sealed record User(string UserId, string? Email = null, string? Name = null) : NoticeRecipient;

    /// <param name="Email">The invitee's address.</param>
    /// <param name="Name">The invitee's name, as the inviter gave it.</param>
    /// <param name="LanguageOf">Whose language to write in (the inviter's): the address has none of its own.</param>
    public sealed record Address(string Email, string Name, string LanguageOf) : NoticeRecipient;

    /// <summary>The same person whatever else is known of them.</summary>
    public string Key => this switch
    {
        User u => "user:" + u.UserId,
        Address a => "mail:" + a.Email.Trim().ToLowerInvariant(),
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>Where the recipient acts: their own application, the review page, or the invitation.</summary>
public enum NoticePage
{
    Application,
    Review,
    Invitation,
}

public static class NoticeKinds
{
    public const string Submitted = "application-submitted";
    public const string Resubmitted = "application-resubmitted";
    public const string ReviewOpened = "review-opened";
    public const string VotesIn = "votes-in";
    public const string InformationRequested = "information-requested";
    public const string Decided = "application-decided";
    public const string AccessGranted = "access-granted";
    public const string AccessRevoked = "access-revoked";
    public const string ApplicationRevoked = "application-revoked";
    public const string AccessExpired = "access-expired";
    public const string ExpiryApproaching = "expiry-approaching";
    public const string Invitation = "invitation";
    public const string DeadlineReminder = "deadline-reminder";
    public const string DeadlinePassed = "deadline-passed";

    public static readonly IReadOnlyList<string> All =
    [
        Submitted, Resubmitted, ReviewOpened, VotesIn, InformationRequested, Decided, AccessGranted, AccessRevoked,
        ApplicationRevoked, AccessExpired, ExpiryApproaching, Invitation, DeadlineReminder, DeadlinePassed,
    ];
}
