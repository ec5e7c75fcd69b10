using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>Reviewers ask the applicant for information; the application is returned until the applicant responds.</summary>
public class RequestInformationSpecs
{
    [Fact]
    public void a_steward_asks_for_information_and_the_application_is_returned()
    {
        Spec.Given(History.InNgcReview)
            .When(Commands.RequestInformation(Steward))
            .Then(new ApplicationEvent.InformationRequested("steward", Now, "Please attach the approval letter.", "ethics"));

        ApplicationEvolver.Fold(History.ReturnedToApplicant).ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Returned),
            s => s.PendingRequest.ShouldBe("Please attach the approval letter."),
            s => s.PendingRequestStepId.ShouldBe("ethics"));
    }

    [Fact]
    public void a_dac_member_may_ask_for_information() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.RequestInformation(NgcReviewer1, stepId: "dac"))
            .Then(new ApplicationEvent.InformationRequested("ngc-1", Now, "Please attach the approval letter.", "dac"));

    [Fact]
    public void a_member_of_a_dac_not_on_the_application_may_not_ask() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.RequestInformation(RhReviewer))
            .ThenRefused(Forbidden, "request-information.not-reviewer");

    [Fact]
    public void the_applicant_may_not_ask_themself() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.RequestInformation(Applicant))
            .ThenRefused(Forbidden, "request-information.not-reviewer");

    [Fact]
    public void asking_about_a_step_the_workflows_do_not_have_is_refused() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.RequestInformation(Steward, stepId: "permit"))
            .ThenRefused(Conflict, "request-information.unknown-step");

    [Fact]
    public void the_applicant_responds_and_the_application_is_back_in_review()
    {
        Spec.Given(History.ReturnedToApplicant)
            .When(Commands.Respond())
            .Then(new ApplicationEvent.ApplicantResponded("applicant", Now, "Attached."));

        ApplicationEvolver.Fold([.. History.ReturnedToApplicant, History.Responded()]).ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Submitted),
            s => s.PendingRequest.ShouldBeNull());
    }

    [Fact]
    public void only_the_applicant_responds() =>
        Spec.Given(History.ReturnedToApplicant)
            .When(Commands.Respond(TeamMember))
            .ThenRefused(Forbidden, "respond.applicant-only");

    [Fact]
    public void the_time_returned_moves_the_decision_deadline_when_the_workflow_pauses_the_clock()
    {
        var submitted = History.SubmittedFrom(NgcPolicies, at: T0);
        var asked = History.InformationRequested(at: T0.AddDays(10));
        var answered = History.Responded(at: T0.AddDays(17));

        ApplicationProgress.DecisionDue(ApplicationEvolver.Fold(submitted)).ShouldBe(T0.AddDays(90));
        ApplicationProgress.DecisionDue(ApplicationEvolver.Fold([.. submitted, asked, answered])).ShouldBe(T0.AddDays(97));
    }

    [Fact]
    public void each_return_adds_its_own_pause()
    {
        ApplicationEvent[] twice =
        [
            .. History.SubmittedFrom(NgcPolicies, at: T0),
            History.InformationRequested(at: T0.AddDays(10)), History.Responded(at: T0.AddDays(17)),
            History.InformationRequested(at: T0.AddDays(20)), History.Responded(at: T0.AddDays(23)),
        ];

        ApplicationProgress.DecisionDue(ApplicationEvolver.Fold(twice)).ShouldBe(T0.AddDays(100));
    }

    [Fact]
    public void a_purpose_changed_while_returned_is_matched_again_on_response()
    {
        var hmb = Purpose with { DuoCodes = ["DUO:0000006"], Disease = null };

        var events = Spec.Given([.. History.ReturnedToApplicant, History.DraftSaved(purpose: hmb)])
            .When(Commands.Respond())
            .Events();

        events.OfType<ApplicationEvent.PurposeMatched>().Single().Results
            .Select(r => (r.DatasetId, r.Outcome)).ShouldBe([(Wgs, PurposeResult.Match), (CancerRegistry, PurposeResult.NoMatch)]);
    }
}
