using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class AddAttachmentSpecs
{
    [Fact]
    public void the_applicant_adds_an_attachment_to_the_draft() =>
        Spec.Given(History.NewDraft)
            .When(Commands.AddAttachment(Applicant))
            .Then(new ApplicationEvent.AttachmentAdded("applicant", Now, AttachmentId, "protocol.pdf", "application/pdf", 48_213));

    [Fact]
    public void a_member_adds_an_attachment_to_the_draft() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.AddAttachment(TeamMember))
            .Then(new ApplicationEvent.AttachmentAdded("member", Now, AttachmentId, "protocol.pdf", "application/pdf", 48_213));

    [Fact]
    public void a_stranger_may_not_add_an_attachment() =>
        Spec.Given(History.NewDraft)
            .When(Commands.AddAttachment(Stranger))
            .ThenRefused(Forbidden, "add-attachment.applicant-or-member-only");

    [Fact]
    public void adding_the_same_attachment_again_records_nothing() =>
        Spec.Given(History.Created(), History.AttachmentAdded(Applicant))
            .When(Commands.AddAttachment(Applicant))
            .ThenNothingHappens();

    [Fact]
    public void attachments_cannot_be_added_once_submitted() =>
        Spec.Given(History.InReview)
            .When(Commands.AddAttachment(Applicant))
            .ThenRefused(Conflict, "add-attachment.not-when-submitted");
}
