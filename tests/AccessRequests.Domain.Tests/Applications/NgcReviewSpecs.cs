using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>The NGC controlled-access path: steward verifies the ethics approval, two members approve, the chair decides.</summary>
public class NgcReviewSpecs
{
    [Fact]
    public void a_steward_verifies_the_ethics_approval_and_the_dac_review_opens()
    {
        Spec.Given(History.InNgcReview)
            .When(Commands.Verify(CheckKind.Ethics))
            .Then(new ApplicationEvent.CheckVerified("steward", Now, CheckKind.Ethics, "Looks right."));

        var state = ApplicationEvolver.Fold(History.BeforeTheNgcDac);
        ApplicationProgress.Tracks(state, DateOnly.FromDateTime(Now.UtcDateTime)).Single().Progress.Open
            .Select(s => s.StepId).ShouldBe(["dac"]);
    }

    [Fact]
    public void a_dac_member_votes() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Vote(NgcReviewer1))
            .Then(new ApplicationEvent.VoteCast("ngc-1", Now, NgcDacId, DacVote.Approve, null));

    [Fact]
    public void the_same_vote_again_records_nothing() =>
        Spec.Given([.. History.BeforeTheNgcDac, History.VoteCast(NgcReviewer1)])
            .When(Commands.Vote(NgcReviewer1))
            .ThenNothingHappens();

    [Fact]
    public void a_member_may_change_their_vote() =>
        Spec.Given([.. History.BeforeTheNgcDac, History.VoteCast(NgcReviewer1)])
            .When(Commands.Vote(NgcReviewer1, vote: DacVote.Reject))
            .Then(new ApplicationEvent.VoteCast("ngc-1", Now, NgcDacId, DacVote.Reject, null));

    [Fact]
    public void after_two_approvals_the_chair_approves_and_the_application_is_decided_with_its_datasets() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(NgcChair))
            .Then(
            [
                new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], GrantEnd, Conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", Now, [Wgs, CancerRegistry], null),
                .. History.NgcGrants(NgcChair, Now),
            ]);

    [Fact]
    public void the_chair_may_approve_some_of_the_dacs_datasets_only() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(NgcChair, datasetIds: [Wgs]))
            .Then(
                new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs], GrantEnd, Conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", Now, [Wgs], null),
                History.Granted(Applicant, WgsPolicy, NgcChair, Now), History.Granted(TeamMember, WgsPolicy, NgcChair, Now));

    [Fact]
    public void an_approved_application_is_approved_for_its_datasets()
    {
        var state = ApplicationEvolver.Fold(
            [.. History.NgcMembersApproved, History.DacApproved(NgcChair, NgcDacId, [Wgs, CancerRegistry]), History.Decided(NgcChair, [Wgs, CancerRegistry])]);

        state.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Approved),
            s => s.ApprovedDatasetIds.ShouldBe([Wgs, CancerRegistry]),
            s => s.Reviews[NgcDacId].Decision!.ValidUntil.ShouldBe(GrantEnd),
            s => ApplicationProgress.DecisionDue(s).ShouldBeNull());
    }

    [Fact]
    public void once_decided_the_dac_cannot_decide_again() =>
        Spec.Given([.. History.NgcMembersApproved, History.DacApproved(NgcChair, NgcDacId, [Wgs, CancerRegistry]), History.Decided(NgcChair, [Wgs, CancerRegistry])])
            .When(Commands.Approve(NgcChair))
            .ThenRefused(DomainErrorKind.Conflict, "decide.not-when-approved");

    [Fact]
    public void access_cannot_end_before_tomorrow() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(NgcChair) with { ValidUntil = DateOnly.FromDateTime(Now.UtcDateTime) })
            .ThenRefused(DomainErrorKind.Conflict, "decide.valid-until-past");
}
