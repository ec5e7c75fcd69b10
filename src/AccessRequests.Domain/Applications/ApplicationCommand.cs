namespace AccessRequests.Domain.Applications;

/// <summary>
/// What someone asks of an application. Every command carries the actor and the time; ids and catalogue facts
/// (current terms, required form fields) are supplied by the caller, so deciding stays pure.
/// </summary>
public abstract record ApplicationCommand(Actor Actor, DateTimeOffset Now)
{
    public sealed record Create(Actor Actor, DateTimeOffset Now, Guid ApplicationId, IReadOnlyList<string> DatasetIds)
        : ApplicationCommand(Actor, Now);

    public sealed record SaveDraft(
        Actor Actor, DateTimeOffset Now, string? Title, IReadOnlyDictionary<string, string> Answers, ResearchPurpose? Purpose)
        : ApplicationCommand(Actor, Now);

    /// <summary>The token itself goes to the invitee; only its hash is kept.</summary>
    public sealed record InviteMember(Actor Actor, DateTimeOffset Now, Guid InvitationId, string Email, string Name, string TokenHash)
        : ApplicationCommand(Actor, Now);

    public sealed record AcceptInvitation(Actor Actor, DateTimeOffset Now, string TokenHash) : ApplicationCommand(Actor, Now);

    public sealed record RemoveMember(Actor Actor, DateTimeOffset Now, string UserId) : ApplicationCommand(Actor, Now);

    /// <summary><see cref="CurrentTerms"/>: the terms of every dataset of the application as the catalogue has them now.</summary>
    public sealed record AcceptTerms(Actor Actor, DateTimeOffset Now, IReadOnlyList<TermsVersion> CurrentTerms)
        : ApplicationCommand(Actor, Now);

    public sealed record AddAttachment(
        Actor Actor, DateTimeOffset Now, Guid AttachmentId, string FileName, string ContentType, long Size)
        : ApplicationCommand(Actor, Now);

    /// <summary><see cref="RequiredFieldIds"/>: the form fields the datasets require; <see cref="CurrentTerms"/> as for accept-terms.</summary>
    public sealed record Submit(
        Actor Actor, DateTimeOffset Now, IReadOnlyList<TermsVersion> CurrentTerms, IReadOnlyList<string> RequiredFieldIds)
        : ApplicationCommand(Actor, Now);

    public sealed record Withdraw(Actor Actor, DateTimeOffset Now, string? Reason) : ApplicationCommand(Actor, Now);

    public sealed record Close(Actor Actor, DateTimeOffset Now, string? Reason) : ApplicationCommand(Actor, Now);

    public sealed record CopyAsNew(Actor Actor, DateTimeOffset Now, Guid NewApplicationId) : ApplicationCommand(Actor, Now);

    public sealed record AddComment(Actor Actor, DateTimeOffset Now, Guid CommentId, string Text, CommentVisibility Visibility)
        : ApplicationCommand(Actor, Now);
}
