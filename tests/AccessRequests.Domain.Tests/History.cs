using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests;

/// <summary>Events to build a history from (all at <see cref="Fixed.T0"/> unless given), and the usual histories.</summary>
internal static partial class History
{
    public static ApplicationEvent.Created Created(Actor? by = null, DateTimeOffset? at = null)
    {
        by ??= Applicant;
        return new(by.UserId, at ?? T0, TheApplicationId, by.Name, by.Email, Datasets, null);
    }

    public static ApplicationEvent.DraftSaved DraftSaved(
        IReadOnlyDictionary<string, string>? answers = null, string? title = "Early-onset CRC", ResearchPurpose? purpose = null,
        DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, title, answers ?? CompleteAnswers, purpose ?? Purpose);

    public static ApplicationEvent.MemberInvited Invited(Actor who, DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, InvitationOf(who), who.Email!, who.Name, TokenHashOf(who));

    public static ApplicationEvent.MemberJoined Joined(Actor who, DateTimeOffset? at = null) =>
        new(who.UserId, at ?? T0, InvitationOf(who), who.Name, who.Email);

    public static ApplicationEvent.MemberRemoved Removed(Actor who, Actor? by = null, DateTimeOffset? at = null) =>
        new((by ?? Applicant).UserId, at ?? T0, who.UserId);

    public static ApplicationEvent.TermsAccepted AcceptedTerms(Actor who, TermsVersion[]? terms = null, DateTimeOffset? at = null) =>
        new(who.UserId, at ?? T0, terms ?? TermsV1);

    public static ApplicationEvent.AttachmentAdded AttachmentAdded(Actor? by = null, DateTimeOffset? at = null) =>
        new((by ?? Applicant).UserId, at ?? T0, AttachmentId, "protocol.pdf", "application/pdf", 48_213);

    public static ApplicationEvent.Submitted Submitted(DateTimeOffset? at = null) => new(Applicant.UserId, at ?? T0, TermsV1);

    public static ApplicationEvent.Withdrawn Withdrawn(DateTimeOffset? at = null) => new(Applicant.UserId, at ?? T0, "Funding fell through.");

    public static ApplicationEvent.Closed Closed(Actor? by = null, DateTimeOffset? at = null) => new((by ?? Applicant).UserId, at ?? T0, null);

    public static ApplicationEvent.CommentAdded CommentAdded(Actor by, CommentVisibility visibility, DateTimeOffset? at = null) =>
        new(by.UserId, at ?? T0, CommentId, "Please attach the ethics approval.", visibility);

    /// <summary>A new draft: no answers, nobody else on it.</summary>
    public static ApplicationEvent[] NewDraft => [Created()];

    /// <summary>A draft with one member.</summary>
    public static ApplicationEvent[] DraftWithMember => [Created(), Invited(TeamMember), Joined(TeamMember)];

    /// <summary>Everything filled in and everyone has accepted <see cref="Fixed.TermsV1"/>; the invitee has not answered yet.</summary>
    public static ApplicationEvent[] ReadyDraft =>
    [
        Created(), DraftSaved(), Invited(TeamMember), Joined(TeamMember), Invited(Invitee),
        AcceptedTerms(Applicant), AcceptedTerms(TeamMember),
    ];

    public static ApplicationEvent[] InReview => [.. ReadyDraft, Submitted()];

    public static ApplicationEvent[] WithdrawnAfterReview => [.. InReview, Withdrawn()];

    public static ApplicationEvent[] ClosedDraft => [.. ReadyDraft, Closed()];
}
