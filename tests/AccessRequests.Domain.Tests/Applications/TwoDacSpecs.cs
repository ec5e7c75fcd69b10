using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>One application, datasets of two DACs under the same workflow: each DAC decides its own datasets.</summary>
public class TwoDacSpecs
{
    private static readonly ApplicationEvent[] NgcApproved =
    [
        .. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2),
        History.DacApproved(NgcChair, NgcDacId, [Wgs]),
    ];

    [Fact]
    public void each_dac_has_its_own_review()
    {
        var state = ApplicationEvolver.Fold(History.BeforeTwoDacs);

        ApplicationProgress.Tracks(state, DateOnly.FromDateTime(Now.UtcDateTime)).Single().Progress.Step("dac").Reviews
            .Select(r => (r.DacId, r.DatasetIds.Single())).ShouldBe([(NgcDacId, Wgs), (RhDacId, CancerRegistry)], ignoreOrder: true);
    }

    [Fact]
    public void the_application_is_not_decided_while_the_other_dac_is_still_deciding() =>
        Spec.Given([.. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2)])
            .When(Commands.Approve(NgcChair))
            .Then(new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs], GrantEnd, Conditions, null));

    [Fact]
    public void votes_count_per_dac() =>
        // Two NGC approvals do not let the Region H chair approve.
        Spec.Given([.. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2), History.VoteCast(RhReviewer, RhDacId)])
            .When(Commands.Approve(RhChair, RhDacId))
            .ThenRefused(Conflict, "decide.not-enough-approvals");

    [Fact]
    public void one_dac_approving_and_the_other_rejecting_approves_only_the_approved_dataset() =>
        Spec.Given(NgcApproved)
            .When(Commands.RejectAsDac(RhChair, "The registry is not for genetics.", RhDacId))
            .Then(
                new ApplicationEvent.DacDecided("rh-chair", Now, RhDacId, DacDecision.Reject, [CancerRegistry], null, [], "The registry is not for genetics."),
                new ApplicationEvent.ApplicationDecided("rh-chair", Now, [Wgs], "rh-dac: The registry is not for genetics."),
                History.Granted(Applicant, WgsPolicy, RhChair, Now), History.Granted(TeamMember, WgsPolicy, RhChair, Now));

    [Fact]
    public void a_partly_approved_application_is_approved_for_the_approved_datasets_only()
    {
        var state = ApplicationEvolver.Fold(
        [
            .. NgcApproved, History.DacRejected(RhChair, RhDacId, [CancerRegistry], "The registry is not for genetics."),
            History.Decided(RhChair, [Wgs], "rh-dac: The registry is not for genetics."),
        ]);

        state.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Approved),
            s => s.ApprovedDatasetIds.ShouldBe([Wgs]));
    }

    [Fact]
    public void both_dacs_rejecting_rejects_the_application_with_both_reasons() =>
        Spec.Given([.. History.BeforeTwoDacs, History.DacRejected(NgcChair, NgcDacId, [Wgs], "No consent.")])
            .When(Commands.RejectAsDac(RhChair, "Not for genetics.", RhDacId))
            .Then(
                new ApplicationEvent.DacDecided("rh-chair", Now, RhDacId, DacDecision.Reject, [CancerRegistry], null, [], "Not for genetics."),
                new ApplicationEvent.ApplicationDecided("rh-chair", Now, [], "ngc-dac: No consent.; rh-dac: Not for genetics."));

    [Fact]
    public void a_chair_cannot_decide_on_the_other_dacs_dataset() =>
        Spec.Given([.. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2)])
            .When(Commands.Approve(NgcChair, datasetIds: [CancerRegistry]))
            .ThenRefused(Conflict, "decide.not-this-dacs-datasets")
            .Details.ShouldBe([CancerRegistry]);

    [Fact]
    public void a_dac_that_has_decided_cannot_decide_again_while_the_other_deliberates() =>
        Spec.Given(NgcApproved)
            .When(Commands.RejectAsDac(NgcChair, "Changed my mind."))
            .ThenRefused(Conflict, "decide.review-not-open");

    [Fact]
    public void a_member_of_one_dac_may_not_decide_for_the_other() =>
        Spec.Given(NgcApproved)
            .When(Commands.RejectAsDac(NgcChair, "No.", RhDacId))
            .ThenRefused(Forbidden, "decide.not-chair");
}
