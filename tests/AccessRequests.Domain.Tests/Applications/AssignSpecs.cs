using static AccessRequests.Domain.DomainErrorKind;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>A steward or DAC member takes a step of the review.</summary>
public class AssignSpecs
{
    [Fact]
    public void a_steward_takes_the_ethics_step() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Assign(Steward, "ethics"))
            .Then(new ApplicationEvent.StepAssigned("steward", Fixed.Now, "ethics", "steward"));

    [Fact]
    public void taking_it_again_records_nothing() =>
        Spec.Given([.. History.InNgcReview, History.Assigned(Steward, "ethics")])
            .When(Commands.Assign(Steward, "ethics"))
            .ThenNothingHappens();

    [Fact]
    public void a_steward_may_hand_the_step_to_another() =>
        Spec.Given([.. History.InNgcReview, History.Assigned(Steward, "ethics")])
            .When(Commands.Assign(Steward, "ethics", assignee: "admin"))
            .Then(new ApplicationEvent.StepAssigned("steward", Fixed.Now, "ethics", "admin"));

    [Fact]
    public void a_dac_member_takes_the_dac_step() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.Assign(NgcReviewer1, "dac"))
            .Then(new ApplicationEvent.StepAssigned("ngc-1", Fixed.Now, "dac", "ngc-1"));

    [Fact]
    public void a_dac_member_does_not_take_a_stewards_step() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Assign(NgcReviewer1, "ethics"))
            .ThenRefused(Forbidden, "assign.not-allowed");

    [Theory]
    [InlineData("ethics")]
    [InlineData("dac")]
    public void a_researcher_takes_no_step(string stepId) =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Assign(Applicant, stepId))
            .ThenRefused(Forbidden, "assign.not-allowed");

    [Fact]
    public void a_step_the_workflows_do_not_have_cannot_be_taken() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Assign(Steward, "permit"))
            .ThenRefused(Conflict, "assign.unknown-step");

    [Fact]
    public void the_assignment_is_kept_by_step() =>
        ApplicationEvolver.Fold([.. History.BeforeTheNgcDac, History.Assigned(Steward, "ethics"), History.Assigned(NgcReviewer1, "dac")])
            .Assignments.ShouldBe(new Dictionary<string, string> { ["ethics"] = "steward", ["dac"] = "ngc-1" }, ignoreOrder: true);
}
