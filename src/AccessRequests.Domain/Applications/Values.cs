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
