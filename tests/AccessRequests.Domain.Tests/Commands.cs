using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests;

/// <summary>Commands as the endpoints would send them, at <see cref="Fixed.Now"/>.</summary>
internal static partial class Commands
{
    public static ApplicationCommand.Create Create(Actor by, params string[] datasetIds) => new(by, Now, TheApplicationId, datasetIds);

    public static ApplicationCommand.SaveDraft SaveDraft(
        Actor by, string? title = "Early-onset CRC", IReadOnlyDictionary<string, string>? answers = null, ResearchPurpose? purpose = null) =>
        new(by, Now, title, answers ?? CompleteAnswers, purpose ?? Purpose);

    public static ApplicationCommand.InviteMember Invite(Actor who, Actor? by = null, string? email = null) =>
        new(by ?? Applicant, Now, InvitationOf(who), email ?? who.Email!, who.Name, TokenHashOf(who));

    public static ApplicationCommand.AcceptInvitation AcceptInvitation(Actor by, string tokenHash) => new(by, Now, tokenHash);

    public static ApplicationCommand.RemoveMember Remove(Actor who, Actor by) => new(by, Now, who.UserId);

    public static ApplicationCommand.AcceptTerms AcceptTerms(Actor by, TermsVersion[]? current = null) => new(by, Now, current ?? TermsV1);

    public static ApplicationCommand.AddAttachment AddAttachment(Actor by) =>
        new(by, Now, AttachmentId, "protocol.pdf", "application/pdf", 48_213);

    public static ApplicationCommand.Submit Submit(Actor? by = null, TermsVersion[]? current = null) =>
        new(by ?? Applicant, Now, current ?? TermsV1, RequiredFields);

    public static ApplicationCommand.Withdraw Withdraw(Actor? by = null) => new(by ?? Applicant, Now, "Funding fell through.");

    public static ApplicationCommand.Close Close(Actor by) => new(by, Now, "No longer needed.");

    public static ApplicationCommand.CopyAsNew CopyAsNew(Actor by) => new(by, Now, NewApplicationId);

    public static ApplicationCommand.AddComment AddComment(
        Actor by, CommentVisibility visibility = CommentVisibility.Public, string text = "Ethics approval attached.") =>
        new(by, Now, CommentId, text, visibility);
}
