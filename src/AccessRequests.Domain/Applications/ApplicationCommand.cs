using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;

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

    /// <summary>
    /// <see cref="RequiredFieldIds"/>: the form fields the datasets require; <see cref="CurrentTerms"/> as for accept-terms;
    /// <see cref="Policies"/> and <see cref="Workflows"/>: what the application will be pinned to; <see cref="Evidence"/>:
    /// the applicant's affiliation claims from this sign-in; <see cref="Institutions"/>: the registry to match them against.
    /// </summary>
    public sealed record Submit(
        Actor Actor, DateTimeOffset Now, IReadOnlyList<TermsVersion> CurrentTerms, IReadOnlyList<string> RequiredFieldIds,
        IReadOnlyList<DatasetPolicy>? Policies = null, IReadOnlyList<PinnedWorkflow>? Workflows = null,
        IReadOnlyList<AffiliationEvidence>? Evidence = null, IReadOnlyList<Institution>? Institutions = null)
        : ApplicationCommand(Actor, Now);

    public sealed record AddEthicsApproval(
        Actor Actor, DateTimeOffset Now, string Committee, string CaseNumber, DateOnly ValidFrom, DateOnly ValidUntil, Guid? LetterAttachmentId)
        : ApplicationCommand(Actor, Now);

    public sealed record DeclareAffiliation(Actor Actor, DateTimeOffset Now, string Institution, string Position, string? SupervisorEmail)
        : ApplicationCommand(Actor, Now);

    public sealed record VerifyCheck(Actor Actor, DateTimeOffset Now, CheckKind Check, string? Comment) : ApplicationCommand(Actor, Now);

    public sealed record RejectCheck(Actor Actor, DateTimeOffset Now, CheckKind Check, string Reason) : ApplicationCommand(Actor, Now);

    /// <summary><see cref="Dacs"/>: the current members of the DACs on the application (who may ask).</summary>
    public sealed record RequestInformation(Actor Actor, DateTimeOffset Now, string Message, string? StepId, IReadOnlyList<Dac> Dacs)
        : ApplicationCommand(Actor, Now);

    public sealed record Respond(Actor Actor, DateTimeOffset Now, string Message) : ApplicationCommand(Actor, Now);

    public sealed record Assign(Actor Actor, DateTimeOffset Now, string StepId, string? Assignee, IReadOnlyList<Dac> Dacs)
        : ApplicationCommand(Actor, Now);

    public sealed record RecordVote(Actor Actor, DateTimeOffset Now, string DacId, DacVote Vote, string? Comment, IReadOnlyList<Dac> Dacs)
        : ApplicationCommand(Actor, Now);

    public sealed record Decide(
        Actor Actor, DateTimeOffset Now, string DacId, DacDecision Decision, IReadOnlyList<string>? DatasetIds, DateOnly? ValidUntil,
        IReadOnlyList<string> Conditions, string? Reason, IReadOnlyList<Dac> Dacs)
        : ApplicationCommand(Actor, Now);

    /// <summary><see cref="GrantId"/> null: every grant of the application, and the application is revoked.</summary>
    public sealed record Revoke(Actor Actor, DateTimeOffset Now, Guid? GrantId, string Reason, IReadOnlyList<Dac> Dacs) : ApplicationCommand(Actor, Now);

    public sealed record Renew(Actor Actor, DateTimeOffset Now, DateOnly Until, string Justification) : ApplicationCommand(Actor, Now);

    /// <summary>
    /// From the service's timer: record that the deadline passed, or remind, when due and not done yet; and expire the
    /// grants whose time is up.
    /// </summary>
    public sealed record CheckDeadline(Actor Actor, DateTimeOffset Now) : ApplicationCommand(Actor, Now);

    public sealed record Withdraw(Actor Actor, DateTimeOffset Now, string? Reason) : ApplicationCommand(Actor, Now);

    public sealed record Close(Actor Actor, DateTimeOffset Now, string? Reason) : ApplicationCommand(Actor, Now);

    public sealed record CopyAsNew(Actor Actor, DateTimeOffset Now, Guid NewApplicationId) : ApplicationCommand(Actor, Now);

    public sealed record AddComment(Actor Actor, DateTimeOffset Now, Guid CommentId, string Text, CommentVisibility Visibility)
        : ApplicationCommand(Actor, Now);
}
