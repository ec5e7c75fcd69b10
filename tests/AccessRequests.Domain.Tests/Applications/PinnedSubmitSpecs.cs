using AccessRequests.Domain.Duo;
using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>Submit pinning policies and workflows: what the workflows demand up front, and what the sign-in settles.</summary>
public class PinnedSubmitSpecs
{
    private static readonly ApplicationEvent[] DraftWithoutEthicsApproval = History.ReadyDraft;

    [Fact]
    public void submitting_pins_the_policies_workflows_and_evidence_confirms_a_ku_member_and_matches_the_purpose() =>
        Spec.Given(History.PinnableDraft)
            .When(Commands.SubmitUnder(NgcPolicies))
            .Then(
                new ApplicationEvent.Submitted("applicant", Now, TermsV1, NgcPolicies, [ShippedWorkflows.Ngc], [KuMember]),
                new ApplicationEvent.AffiliationConfirmedAutomatically("applicant", Now, "ku", KuMember),
                new ApplicationEvent.PurposeMatched("applicant", Now, [new(Wgs, PurposeResult.Match, [IrbNote]), new(CancerRegistry, PurposeResult.Match, [IrbNote])]));

    [Fact]
    public void the_submitted_application_is_pinned_and_awaits_the_ethics_check()
    {
        var state = ApplicationEvolver.Fold(History.InNgcReview);
        var tracks = ApplicationProgress.Tracks(state, DateOnly.FromDateTime(Now.UtcDateTime));

        state.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Submitted),
            s => s.Workflows.Keys.ShouldBe(["ngc-controlled-access@1"]),
            s => s.Reviews.Keys.ShouldBe([NgcDacId]),
            s => s.Affiliation!.Institution.ShouldBe("ku"),
            _ => tracks.Single().Progress.Open.Select(p => p.StepId).ShouldBe(["ethics"]));
    }

    [Fact]
    public void a_student_affiliation_is_not_confirmed_automatically_and_needs_a_declaration() =>
        Spec.Given(History.PinnableDraft)
            .When(Commands.SubmitUnder(NgcPolicies, [KuMember with { Value = "student@ku.dk" }]))
            .ThenRefused(Conflict, "submit.affiliation-missing");

    [Fact]
    public void a_sign_in_from_an_institution_outside_the_registry_is_not_confirmed_automatically() =>
        Spec.Given(History.PinnableDraft)
            .When(Commands.SubmitUnder(NgcPolicies, [KuMember with { Value = "member@gmail.com" }]))
            .ThenRefused(Conflict, "submit.affiliation-missing");

    [Fact]
    public void without_evidence_or_a_declared_affiliation_submit_is_refused() =>
        Spec.Given(History.PinnableDraft)
            .When(Commands.SubmitUnder(NgcPolicies, []))
            .ThenRefused(Conflict, "submit.affiliation-missing");

    [Fact]
    public void a_declared_affiliation_without_evidence_is_submitted_for_a_steward_to_check()
    {
        var events = Spec.Given([.. History.PinnableDraft, History.AffiliationDeclared()])
            .When(Commands.SubmitUnder(NgcPolicies, []))
            .Events();

        events.Select(EventNames.Of).ShouldBe(["application-submitted", "purpose-matched"]);
    }

    [Fact]
    public void a_dataset_requiring_irb_without_an_ethics_approval_is_refused() =>
        Spec.Given(DraftWithoutEthicsApproval)
            .When(Commands.SubmitUnder(NgcPolicies))
            .ThenRefused(Conflict, "submit.ethics-approval-missing");

    [Fact]
    public void datasets_without_irb_need_no_ethics_approval() =>
        Spec.Given(DraftWithoutEthicsApproval)
            .When(Commands.SubmitUnder([WgsPolicy with { DuoCodes = [DuoTerms.Gru] }]))
            .Events().OfType<ApplicationEvent.Submitted>().ShouldHaveSingleItem();

    [Fact]
    public void an_ethics_approval_ending_within_the_minimum_remaining_validity_is_refused() =>
        // Now is 2 June 2025; the NGC workflow wants 30 more days: 2 July.
        Spec.Given([.. DraftWithoutEthicsApproval, History.EthicsApprovalAdded(until: new DateOnly(2025, 7, 1))])
            .When(Commands.SubmitUnder(NgcPolicies))
            .ThenRefused(Conflict, "submit.ethics-approval-expires");

    [Fact]
    public void an_ethics_approval_valid_exactly_the_minimum_remaining_days_is_accepted() =>
        Spec.Given([.. DraftWithoutEthicsApproval, History.EthicsApprovalAdded(until: new DateOnly(2025, 7, 2))])
            .When(Commands.SubmitUnder(NgcPolicies))
            .Events().OfType<ApplicationEvent.Submitted>().ShouldHaveSingleItem();

    [Fact]
    public void registered_access_is_approved_at_submit_when_the_sign_in_vouches_and_everyone_accepted_the_terms()
    {
        DatasetPolicy[] registered = [WgsPolicy with { DuoCodes = [DuoTerms.Gru], WorkflowId = "registered-access" }];

        Spec.Given(History.ReadyDraft)
            .When(Commands.SubmitUnder(registered))
            .Then(
                new ApplicationEvent.Submitted("applicant", Now, TermsV1, registered, [ShippedWorkflows.Registered], [KuMember]),
                new ApplicationEvent.AffiliationConfirmedAutomatically("applicant", Now, "ku", KuMember),
                new ApplicationEvent.ApplicationDecided("applicant", Now, [Wgs], null),
                // No DAC decides: the workflow's year from the decision, and no conditions.
                History.Granted(Applicant, registered[0], Applicant, Now, Now.AddDays(365), conditions: []),
                History.Granted(TeamMember, registered[0], Applicant, Now, Now.AddDays(365), conditions: []));
    }

    [Fact]
    public void registered_access_with_a_declared_affiliation_waits_for_the_steward_and_is_approved_on_verification()
    {
        DatasetPolicy[] registered = [WgsPolicy with { DuoCodes = [DuoTerms.Gru], WorkflowId = "registered-access" }];
        var submitted = new ApplicationEvent.Submitted("applicant", T0, TermsV1, registered, [ShippedWorkflows.Registered], []);

        Spec.Given([.. History.ReadyDraft, History.AffiliationDeclared()])
            .When(Commands.SubmitUnder(registered, []))
            .Then(submitted with { At = Now });
        Spec.Given([.. History.ReadyDraft, History.AffiliationDeclared(), submitted])
            .When(Commands.Verify(CheckKind.Affiliation))
            .Then(
                new ApplicationEvent.CheckVerified("steward", Now, CheckKind.Affiliation, "Looks right."),
                new ApplicationEvent.ApplicationDecided("steward", Now, [Wgs], null),
                History.Granted(Applicant, registered[0], Steward, Now, Now.AddDays(365), conditions: []),
                History.Granted(TeamMember, registered[0], Steward, Now, Now.AddDays(365), conditions: []));
    }

    [Fact]
    public void without_policies_submit_records_only_submitted_as_before() =>
        Spec.Given(History.ReadyDraft)
            .When(Commands.Submit(Applicant))
            .Then(new ApplicationEvent.Submitted("applicant", Now, TermsV1));
}
