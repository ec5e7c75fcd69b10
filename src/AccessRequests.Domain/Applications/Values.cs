using System.Collections.Immutable;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Applications;

/// <summary>The version of one dataset's terms of use.</summary>
public sealed record TermsVersion(string DatasetId, string TermsId, string Version);

/// <summary>What the applicant intends to do with the data, as DUO terms plus free text.</summary>
public sealed record ResearchPurpose(IReadOnlyList<string> DuoCodes, string? Disease, bool Commercial, string? Description);

public enum CommentVisibility
{
    /// <summary>Seen by the committee and staff only, never by applicants.</summary>
    Internal,
    Public,
}

public sealed record Member(string UserId, string Name, string? Email, DateTimeOffset JoinedAt);

public sealed record Invitation(Guid InvitationId, string Email, string Name, string TokenHash, DateTimeOffset InvitedAt);

public sealed record Attachment(Guid AttachmentId, string FileName, string ContentType, long Size, string AddedBy, DateTimeOffset AddedAt);

public sealed record Comment(Guid CommentId, string AuthorId, string Text, CommentVisibility Visibility, DateTimeOffset At);

/// <summary>The research-ethics approval the applicant recorded, and what the steward made of it.</summary>
public sealed record EthicsApproval(
    string Committee, string CaseNumber, DateOnly ValidFrom, DateOnly ValidUntil, Guid? LetterAttachmentId,
    CheckStatus Status, string? Reason);

/// <summary>The applicant's affiliation: automatic from the sign-in's claims, or declared and checked by a steward.</summary>
public sealed record Affiliation(
    string? Institution, string? Position, string? SupervisorEmail, AffiliationEvidence? Evidence, CheckStatus Status, string? Reason);

/// <summary>Where a check that a person may have to make stands.</summary>
public enum CheckStatus
{
    /// <summary>Recorded by the applicant, not checked yet.</summary>
    Pending,
    Verified,
    Rejected,
}

/// <summary>What the catalogue said about a dataset when the application was submitted: fixed for its lifetime.</summary>
public sealed record DatasetPolicy(
    string DatasetId, string DacId, IReadOnlyList<string> DuoCodes, string? Disease, string WorkflowId, int WorkflowVersion, string? Location = null);

/// <summary>One user's access to one dataset, from its grant to its end.</summary>
public sealed record Grant(
    Guid GrantId, string UserId, string DatasetId, string Location, string DacId, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
    IReadOnlyList<string> Conditions, GrantStatus Status, string? EndReason, bool EndedByMembership);

/// <summary>What an <see cref="ApplicationEvent.ExpiryApproaching"/> warns of.</summary>
public enum ExpirySubject
{
    Grant,
    EthicsApproval,
}

/// <summary>One warning given: of which expiry (the subject, its grant if any, and when it ends), how many days before.</summary>
public sealed record ExpiryWarning(ExpirySubject Subject, Guid? GrantId, DateTimeOffset ExpiresAt, int DaysBefore);

public enum GrantStatus
{
    Active,
    Revoked,
    Expired,
}

/// <summary>
/// A workflow file as it was when the application was submitted. The text is kept in the history, so the
/// application keeps its rules even if the file is later removed.
/// </summary>
public sealed record PinnedWorkflow(string Id, int Version, string Json);

/// <summary>A DAC's review of its datasets on the application.</summary>
public sealed record DacReview(
    string DacId,
    ImmutableDictionary<string, CastVote> Votes,
    RecordedDecision? Decision)
{
    public static DacReview Empty(string dacId) => new(dacId, ImmutableDictionary<string, CastVote>.Empty, null);
}

public sealed record CastVote(string MemberId, DacVote Vote, string? Comment, DateTimeOffset At);

public sealed record RecordedDecision(
    string ChairId, DacDecision Decision, IReadOnlyList<string> DatasetIds, DateOnly? ValidUntil, IReadOnlyList<string> Conditions,
    string? Reason, DateTimeOffset At);

public enum CheckKind
{
    Ethics,
    Affiliation,
    Purpose,
}

/// <summary>How one dataset's DUO codes met the research purpose: match, no-match or needs-review, with why.</summary>
public sealed record PurposeResult(string DatasetId, string Outcome, IReadOnlyList<string> Reasons)
{
    public const string Match = "match";
    public const string NoMatch = "no-match";
    public const string NeedsReview = "needs-review";
}
