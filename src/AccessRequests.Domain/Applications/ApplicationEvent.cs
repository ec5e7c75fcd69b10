using System.Collections.Immutable;
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

    public sealed record Submitted(string ActorId, DateTimeOffset At, IReadOnlyList<TermsVersion> Terms) : ApplicationEvent(ActorId, At);

    public sealed record Withdrawn(string ActorId, DateTimeOffset At, string? Reason) : ApplicationEvent(ActorId, At);

    public sealed record Closed(string ActorId, DateTimeOffset At, string? Reason) : ApplicationEvent(ActorId, At);

    /// <summary>Recorded on the source application; the copy's own history starts with <see cref="Created"/>.</summary>
    public sealed record CopiedAsNew(string ActorId, DateTimeOffset At, Guid NewApplicationId) : ApplicationEvent(ActorId, At);

    public sealed record CommentAdded(string ActorId, DateTimeOffset At, Guid CommentId, string Text, CommentVisibility Visibility)
        : ApplicationEvent(ActorId, At);

    /// <summary>Events only the committee and staff may see.</summary>
    /// <remarks>Derived, so not stored: a stored copy would outlive a change of the rule.</remarks>
    [JsonIgnore]
    public bool IsInternal => this is CommentAdded { Visibility: CommentVisibility.Internal };
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
    }.ToImmutableDictionary();

    public static readonly ImmutableDictionary<string, Type> ByName = ByType.ToImmutableDictionary(p => p.Value, p => p.Key);

    public static string Of(ApplicationEvent e) => ByType[e.GetType()];
}
