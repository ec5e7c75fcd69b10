using System.Collections.Immutable;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;
using System.Text.Json.Serialization;

namespace AccessRequests.Domain.Applications;

/// <summary>
/// Facts about an application, in the past tense, each with who and when. Stored under the stable names in
/// <see cref="EventNames"/>, never under CLR type names.
/// </summary>
public abstract record ApplicationEvent(string ActorId, DateTimeOffset At)
{
    public sealed record Created(
        string ActorId, DateTimeOffset At, Guid ApplicationId, string ApplicantName, string? ApplicantEmail,
        IReadOnlyList<string> DatasetIds, Guid? CopiedFrom)
        : ApplicationEvent(ActorId, At);

    public sealed record DraftSaved(
        string ActorId, DateTimeOffset At, string? Title, IReadOnlyDictionary<string, string> Answers, ResearchPurpose? Purpose)
        : ApplicationEvent(ActorId, At);

    public sealed record MemberInvited(string ActorId, DateTimeOffset At, Guid InvitationId, string Email, string Name, string TokenHash)
        : ApplicationEvent(ActorId, At);

    public sealed record MemberJoined(string ActorId, DateTimeOffset At, Guid InvitationId, string Name, string? Email)
        : ApplicationEvent(ActorId, At);

    public sealed record MemberRemoved(string ActorId, DateTimeOffset At, string UserId) : ApplicationEvent(ActorId, At);

    /// <summary><see cref="ApplicationEvent.ActorId"/> accepted these versions.</summary>
    public sealed record TermsAccepted(string ActorId, DateTimeOffset At, IReadOnlyList<TermsVersion> Terms)
        : ApplicationEvent(ActorId, At);

    public sealed record AttachmentAdded(
        string ActorId, DateTimeOffset At, Guid AttachmentId, string FileName, string ContentType, long Size)
        : ApplicationEvent(ActorId, At);

    /// <summary>
    /// The application goes to review under the policies and workflows it pins; <see cref="Evidence"/> is what the
    /// applicant's sign-in said about their affiliation.
    /// </summary>
    public sealed record Submitted(
        string ActorId, DateTimeOffset At, IReadOnlyList<TermsVersion> Terms,
        IReadOnlyList<DatasetPolicy>? Policies = null, IReadOnlyList<PinnedWorkflow>? Workflows = null,
        IReadOnlyList<AffiliationEvidence>? Evidence = null)
        : ApplicationEvent(ActorId, At);

    public sealed record EthicsApprovalAdded(
        string ActorId, DateTimeOffset At, string Committee, string CaseNumber, DateOnly ValidFrom, DateOnly ValidUntil, Guid? LetterAttachmentId)
        : ApplicationEvent(ActorId, At);

    public sealed record AffiliationDeclared(string ActorId, DateTimeOffset At, string Institution, string Position, string? SupervisorEmail)
        : ApplicationEvent(ActorId, At);

    /// <summary>The sign-in's claims showed a member of a registered institution: no steward needs to look.</summary>
    public sealed record AffiliationConfirmedAutomatically(string ActorId, DateTimeOffset At, string Institution, AffiliationEvidence Evidence)
        : ApplicationEvent(ActorId, At);

    /// <summary>The research purpose against each dataset's DUO codes, as the rules saw it at submit.</summary>
    public sealed record PurposeMatched(string ActorId, DateTimeOffset At, IReadOnlyList<PurposeResult> Results)
        : ApplicationEvent(ActorId, At);

    /// <summary>A steward's verdict on a check: <see cref="Check"/> is ethics, affiliation or purpose.</summary>
    public sealed record CheckVerified(string ActorId, DateTimeOffset At, CheckKind Check, string? Comment) : ApplicationEvent(ActorId, At);

    public sealed record CheckRejected(string ActorId, DateTimeOffset At, CheckKind Check, string Reason) : ApplicationEvent(ActorId, At);

    public sealed record InformationRequested(string ActorId, DateTimeOffset At, string Message, string? StepId) : ApplicationEvent(ActorId, At);

    public sealed record ApplicantResponded(string ActorId, DateTimeOffset At, string Message) : ApplicationEvent(ActorId, At);

    public sealed record StepAssigned(string ActorId, DateTimeOffset At, string StepId, string Assignee) : ApplicationEvent(ActorId, At);

    public sealed record VoteCast(string ActorId, DateTimeOffset At, string DacId, DacVote Vote, string? Comment) : ApplicationEvent(ActorId, At);

    public sealed record DacDecided(
        string ActorId, DateTimeOffset At, string DacId, DacDecision Decision, IReadOnlyList<string> DatasetIds,
        DateOnly? ValidUntil, IReadOnlyList<string> Conditions, string? Reason)
        : ApplicationEvent(ActorId, At);

    /// <summary>Every review is over: the datasets granted (possibly fewer than applied for, possibly none).</summary>
    public sealed record ApplicationDecided(string ActorId, DateTimeOffset At, IReadOnlyList<string> ApprovedDatasetIds, string? Reason)
        : ApplicationEvent(ActorId, At);

    /// <summary>
    /// A user may use a dataset from <see cref="ValidFrom"/> to <see cref="ValidUntil"/>. The same grant id again means
    /// the grant was extended (a renewal).
    /// </summary>
    public sealed record AccessGranted(
        string ActorId, DateTimeOffset At, Guid GrantId, string UserId, string DatasetId, string Location, string DacId,
        DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, IReadOnlyList<string> Conditions)
        : ApplicationEvent(ActorId, At);

    /// <summary><see cref="Membership"/>: ended because the user left the application (they get it back if they rejoin).</summary>
    public sealed record AccessRevoked(string ActorId, DateTimeOffset At, Guid GrantId, string Reason, bool Membership = false)
        : ApplicationEvent(ActorId, At);

    public sealed record AccessExpired(string ActorId, DateTimeOffset At, Guid GrantId) : ApplicationEvent(ActorId, At);

    /// <summary>The whole application's access was revoked: it ends here.</summary>
    public sealed record ApplicationRevoked(string ActorId, DateTimeOffset At, string Reason) : ApplicationEvent(ActorId, At);

    /// <summary>The applicant asks for longer access: the DAC reviews decide again; the grants run on meanwhile.</summary>
    public sealed record RenewalRequested(string ActorId, DateTimeOffset At, DateOnly Until, string Justification) : ApplicationEvent(ActorId, At);

    /// <summary>The decision deadline has passed without a decision; recorded by the service's timer.</summary>
    public sealed record DeadlinePassed(string ActorId, DateTimeOffset At, DateTimeOffset Deadline) : ApplicationEvent(ActorId, At);

    /// <summary>The deciders are reminded that the deadline is near; recorded by the service's timer.</summary>
    public sealed record DeadlineReminded(string ActorId, DateTimeOffset At, DateTimeOffset Deadline) : ApplicationEvent(ActorId, At);

    /// <summary>
    /// A grant (<see cref="GrantId"/>) or the ethics approval (no grant id) ends at <see cref="ExpiresAt"/>, and
    /// <see cref="DaysBefore"/> days or fewer are left: the people it concerns are told, once per expiry and step.
    /// Recorded by the service's timer, so that telling them follows from the log like everything else.
    /// </summary>
    public sealed record ExpiryApproaching(
        string ActorId, DateTimeOffset At, ExpirySubject Subject, Guid? GrantId, DateTimeOffset ExpiresAt, int DaysBefore)
        : ApplicationEvent(ActorId, At);

    public sealed record Withdrawn(string ActorId, DateTimeOffset At, string? Reason) : ApplicationEvent(ActorId, At);

    public sealed record Closed(string ActorId, DateTimeOffset At, string? Reason) : ApplicationEvent(ActorId, At);

    /// <summary>Recorded on the source application; the copy's own history starts with <see cref="Created"/>.</summary>
    public sealed record CopiedAsNew(string ActorId, DateTimeOffset At, Guid NewApplicationId) : ApplicationEvent(ActorId, At);

    public sealed record CommentAdded(string ActorId, DateTimeOffset At, Guid CommentId, string Text, CommentVisibility Visibility)
        : ApplicationEvent(ActorId, At);

    /// <summary>Events only the committee and staff may see.</summary>
    /// <remarks>Derived, so not stored: a stored copy would outlive a change of the rule.</remarks>
    [JsonIgnore]
    public bool IsInternal => this is CommentAdded { Visibility: CommentVisibility.Internal } or VoteCast or StepAssigned;
}

/// <summary>The stable stored name of each event type. Renaming a CLR type must not change these.</summary>
public static class EventNames
{
    public static readonly ImmutableDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(ApplicationEvent.Created)] = "application-created",
        [typeof(ApplicationEvent.DraftSaved)] = "draft-saved",
        [typeof(ApplicationEvent.MemberInvited)] = "member-invited",
        [typeof(ApplicationEvent.MemberJoined)] = "member-joined",
        [typeof(ApplicationEvent.MemberRemoved)] = "member-removed",
        [typeof(ApplicationEvent.TermsAccepted)] = "terms-accepted",
        [typeof(ApplicationEvent.AttachmentAdded)] = "attachment-added",
        [typeof(ApplicationEvent.Submitted)] = "application-submitted",
        [typeof(ApplicationEvent.Withdrawn)] = "application-withdrawn",
        [typeof(ApplicationEvent.Closed)] = "application-closed",
        [typeof(ApplicationEvent.CopiedAsNew)] = "application-copied",
        [typeof(ApplicationEvent.CommentAdded)] = "comment-added",
        [typeof(ApplicationEvent.EthicsApprovalAdded)] = "ethics-approval-added",
        [typeof(ApplicationEvent.AffiliationDeclared)] = "affiliation-declared",
        [typeof(ApplicationEvent.AffiliationConfirmedAutomatically)] = "affiliation-confirmed-automatically",
        [typeof(ApplicationEvent.PurposeMatched)] = "purpose-matched",
        [typeof(ApplicationEvent.CheckVerified)] = "check-verified",
        [typeof(ApplicationEvent.CheckRejected)] = "check-rejected",
        [typeof(ApplicationEvent.InformationRequested)] = "information-requested",
        [typeof(ApplicationEvent.ApplicantResponded)] = "applicant-responded",
        [typeof(ApplicationEvent.StepAssigned)] = "step-assigned",
        [typeof(ApplicationEvent.VoteCast)] = "vote-cast",
        [typeof(ApplicationEvent.DacDecided)] = "dac-decided",
        [typeof(ApplicationEvent.ApplicationDecided)] = "application-decided",
        [typeof(ApplicationEvent.DeadlinePassed)] = "deadline-passed",
        [typeof(ApplicationEvent.DeadlineReminded)] = "deadline-reminded",
        [typeof(ApplicationEvent.ExpiryApproaching)] = "expiry-approaching",
        [typeof(ApplicationEvent.AccessGranted)] = "access-granted",
        [typeof(ApplicationEvent.AccessRevoked)] = "access-revoked",
        [typeof(ApplicationEvent.AccessExpired)] = "access-expired",
        [typeof(ApplicationEvent.ApplicationRevoked)] = "application-revoked",
        [typeof(ApplicationEvent.RenewalRequested)] = "renewal-requested",
    }.ToImmutableDictionary();

    public static readonly ImmutableDictionary<string, Type> ByName = ByType.ToImmutableDictionary(p => p.Value, p => p.Key);

    public static string Of(ApplicationEvent e) => ByType[e.GetType()];
}
