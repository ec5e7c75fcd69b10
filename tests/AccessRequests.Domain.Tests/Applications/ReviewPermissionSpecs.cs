using AccessRequests.Domain.Catalogue;
using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>Who may act in a review: stewards check, DAC members vote, the chair decides, nobody reviews their own application.</summary>
public class ReviewPermissionSpecs
{
    /// <summary>The NGC DAC as it would be if the co-applicant (or the applicant) sat on it.</summary>
    private static Dac[] WithNgcSeatFor(Actor who, string role = DacMember.Member) =>
        [NgcDac with { Members = [.. NgcDac.Members, new(who.UserId, role)] }, RhDac];

    [Theory]
    [InlineData("applicant")]
    [InlineData("ngc-1")]
    [InlineData("ngc-chair")]
    public void only_a_steward_verifies_the_ethics_approval(string who) =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Verify(CheckKind.Ethics, by: new Actor(who, who, null, new HashSet<string>())))
            .ThenRefused(Forbidden, "verify-ethics.steward-only");

    [Fact]
    public void an_admin_counts_as_a_steward() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Verify(CheckKind.Ethics, by: Admin))
            .Then(new ApplicationEvent.CheckVerified("admin", Now, CheckKind.Ethics, "Looks right."));

    [Fact]
    public void only_a_steward_rejects_a_check() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Reject(CheckKind.Ethics, "No.", by: Auditor))
            .ThenRefused(Forbidden, "reject-ethics.steward-only");

    [Fact]
    public void someone_outside_the_dac_may_not_vote() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Vote(Stranger))
            .ThenRefused(Forbidden, "vote.not-member");

    [Fact]
    public void a_steward_is_not_a_dac_member_for_voting() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Vote(Steward))
            .ThenRefused(Forbidden, "vote.not-member");

    [Fact]
    public void a_member_of_another_dac_may_not_vote_for_this_one() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Vote(RhReviewer, NgcDacId))
            .ThenRefused(Forbidden, "vote.not-member");

    [Fact]
    public void a_dac_with_no_datasets_on_the_application_has_no_vote() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Vote(RhReviewer, RhDacId))
            .ThenRefused(Forbidden, "vote.not-member");

    [Fact]
    public void a_member_who_is_not_the_chair_may_not_decide() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(NgcReviewer1))
            .ThenRefused(Forbidden, "decide.not-chair");

    [Fact]
    public void a_dac_member_who_is_a_co_applicant_may_not_vote() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Vote(TeamMember, dacs: WithNgcSeatFor(TeamMember)))
            .ThenRefused(Forbidden, "vote.conflict-of-interest");

    [Fact]
    public void a_chair_who_is_the_applicant_may_not_decide() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(Applicant, dacs: WithNgcSeatFor(Applicant, DacMember.Chair)))
            .ThenRefused(Forbidden, "decide.conflict-of-interest");

    [Fact]
    public void nobody_votes_before_the_ethics_step_has_passed() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Vote(NgcReviewer1))
            .ThenRefused(Conflict, "vote.review-not-open");

    [Fact]
    public void the_chair_does_not_decide_before_the_ethics_step_has_passed() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.RejectAsDac(NgcChair, "No."))
            .ThenRefused(Conflict, "decide.review-not-open");

    [Fact]
    public void nobody_votes_while_the_application_is_returned() =>
        Spec.Given([.. History.BeforeTheNgcDac, History.InformationRequested()])
            .When(Commands.Vote(NgcReviewer1))
            .ThenRefused(Conflict, "vote.not-when-returned");
}
