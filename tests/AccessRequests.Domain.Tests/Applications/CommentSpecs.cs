using static AccessRequests.Domain.Applications.CommentVisibility;
using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class CommentSpecs
{
    [Fact]
    public void the_applicant_writes_a_public_comment() =>
        Spec.Given(History.InReview)
            .When(Commands.AddComment(Applicant, Public))
            .Then(new ApplicationEvent.CommentAdded("applicant", Now, CommentId, "Ethics approval attached.", Public));

    [Fact]
    public void a_member_writes_a_public_comment() =>
        Spec.Given(History.InReview)
            .When(Commands.AddComment(TeamMember, Public))
            .Then(new ApplicationEvent.CommentAdded("member", Now, CommentId, "Ethics approval attached.", Public));

    [Fact]
    public void the_applicant_may_not_write_an_internal_comment() =>
        Spec.Given(History.InReview)
            .When(Commands.AddComment(Applicant, Internal))
            .ThenRefused(Forbidden, "comment.internal-staff-only");

    [Fact]
    public void a_member_of_the_reviewing_dac_writes_an_internal_comment() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.AddComment(NgcReviewer1 with { DacIds = new HashSet<string> { Fixed.NgcDacId } }, Internal))
            .Then(new ApplicationEvent.CommentAdded("ngc-1", Now, CommentId, "Ethics approval attached.", Internal));

    [Fact]
    public void a_member_of_another_dac_may_not_comment() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.AddComment(RhReviewer with { DacIds = new HashSet<string> { "regionh-dac" } }, Public))
            .ThenRefused(Forbidden, "comment.not-participant");

    [Fact]
    public void a_steward_writes_an_internal_comment() =>
        Spec.Given(History.InReview)
            .When(Commands.AddComment(Steward, Internal))
            .Then(new ApplicationEvent.CommentAdded("steward", Now, CommentId, "Ethics approval attached.", Internal));

    [Fact]
    public void a_stranger_may_not_comment() =>
        Spec.Given(History.InReview)
            .When(Commands.AddComment(Stranger, Public))
            .ThenRefused(Forbidden, "comment.not-participant");

    [Fact]
    public void an_empty_comment_is_refused() =>
        Spec.Given(History.InReview)
            .When(Commands.AddComment(Applicant, Public, text: "  \n"))
            .ThenRefused(Conflict, "comment.empty");

    [Fact]
    public void the_applicant_cannot_comment_on_a_closed_application() =>
        Spec.Given(History.ClosedDraft)
            .When(Commands.AddComment(Applicant, Public))
            .ThenRefused(Conflict, "comment.not-when-closed");

    [Fact]
    public void a_steward_still_comments_on_a_closed_application() =>
        Spec.Given(History.ClosedDraft)
            .When(Commands.AddComment(Steward, Internal))
            .Then(new ApplicationEvent.CommentAdded("steward", Now, CommentId, "Ethics approval attached.", Internal));
}
