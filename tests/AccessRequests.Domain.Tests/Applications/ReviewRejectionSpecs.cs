using AccessRequests.Domain.Duo;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>Each step can end the application: a rejected check, a purpose that does not fit, the DAC's refusal.</summary>
public class ReviewRejectionSpecs
{
    private const string NotThisProject = "The approval covers another project.";

    /// <summary>Affiliation declared, no sign-in evidence: a steward must check it.</summary>
    private static readonly ApplicationEvent[] DeclaredAffiliationInReview =
    [
        .. History.PinnableDraft, History.AffiliationDeclared(), History.SubmittedUnder(NgcPolicies, evidence: []),
        History.PurposeMatched(null, History.Matches(Wgs), History.Matches(CancerRegistry)),
    ];

    /// <summary>Commercial use is not allowed on the registry (NCU); WGS is general research use.</summary>
    private static readonly DatasetPolicy[] NonCommercialRegistry =
        [WgsPolicy, RegistryPolicy with { DuoCodes = [DuoTerms.Ds, DuoTerms.Irb, DuoTerms.Ncu] }];

    private static readonly ResearchPurpose CommercialPurpose = Purpose with { Commercial = true };

    [Fact]
    public void a_rejected_ethics_approval_decides_the_application_with_no_datasets()
    {
        Spec.Given(History.InNgcReview)
            .When(Commands.Reject(CheckKind.Ethics, NotThisProject))
            .Then(
                new ApplicationEvent.CheckRejected("steward", Now, CheckKind.Ethics, NotThisProject),
                new ApplicationEvent.ApplicationDecided("steward", Now, [], "ethics: a steward rejected the ethics approval"));

        var state = ApplicationEvolver.Fold(
        [
            .. History.InNgcReview, new ApplicationEvent.CheckRejected("steward", T0, CheckKind.Ethics, NotThisProject),
            History.Decided(Steward, [], "ethics: a steward rejected the ethics approval"),
        ]);
        state.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Rejected),
            s => s.ApprovedDatasetIds.ShouldBeEmpty(),
            s => s.Ethics!.Reason.ShouldBe(NotThisProject));
    }

    [Fact]
    public void rejecting_a_check_needs_a_reason_for_the_applicant() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Reject(CheckKind.Ethics, " "))
            .ThenRefused(Conflict, "reject-ethics.reason-required");

    [Fact]
    public void a_declared_affiliation_awaits_a_steward() =>
        Spec.Given(DeclaredAffiliationInReview)
            .When(Commands.Verify(CheckKind.Affiliation))
            .Then(new ApplicationEvent.CheckVerified("steward", Now, CheckKind.Affiliation, "Looks right."));

    [Fact]
    public void a_rejected_affiliation_decides_the_application_with_no_datasets() =>
        Spec.Given(DeclaredAffiliationInReview)
            .When(Commands.Reject(CheckKind.Affiliation, "Not employed at KU."))
            .Then(
                new ApplicationEvent.CheckRejected("steward", Now, CheckKind.Affiliation, "Not employed at KU."),
                new ApplicationEvent.ApplicationDecided("steward", Now, [], "affiliation: a steward rejected the affiliation"));

    [Fact]
    public void an_affiliation_the_sign_in_vouched_for_is_not_open_to_a_steward() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Reject(CheckKind.Affiliation, "Not employed at KU."))
            .ThenRefused(Conflict, "reject-affiliation.not-open");

    [Fact]
    public void a_commercial_purpose_on_a_non_commercial_dataset_is_decided_rejected_at_submit()
    {
        var events = Spec.Given([.. History.PinnableDraft, History.DraftSaved(purpose: CommercialPurpose)])
            .When(Commands.SubmitUnder(NonCommercialRegistry))
            .Events();

        events.Select(EventNames.Of).ShouldBe(
            ["application-submitted", "affiliation-confirmed-automatically", "purpose-matched", "application-decided"]);
        events.OfType<ApplicationEvent.PurposeMatched>().Single().Results.Select(r => (r.DatasetId, r.Outcome))
            .ShouldBe([(Wgs, PurposeResult.Match), (CancerRegistry, PurposeResult.NoMatch)]);
        events.OfType<ApplicationEvent.ApplicationDecided>().Single().ShouldSatisfyAllConditions(
            d => d.ApprovedDatasetIds.ShouldBeEmpty(),
            d => d.Reason.ShouldStartWith("purpose: the research purpose does not fit: rh-cancer-registry: commercial use is not allowed"));
    }

    [Fact]
    public void one_dataset_the_purpose_does_not_fit_rejects_the_others_under_the_same_workflow_too() =>
        // WGS matches, yet it is not approved: the duo-match step fails for the whole workflow, not per dataset.
        Spec.Given([.. History.PinnableDraft, History.DraftSaved(purpose: CommercialPurpose)])
            .When(Commands.SubmitUnder(NonCommercialRegistry))
            .Events().OfType<ApplicationEvent.ApplicationDecided>().Single().ApprovedDatasetIds.ShouldBeEmpty();

    [Fact]
    public void a_purpose_the_rules_cannot_settle_waits_for_a_steward_who_may_reject_it()
    {
        // The registry names "colorectal cancer"; "bowel cancer" is not literally it: a person decides.
        var bowel = Purpose with { Disease = "bowel cancer" };
        ApplicationEvent[] unsure =
        [
            .. History.PinnableDraft, History.DraftSaved(purpose: bowel), History.SubmittedUnder(NgcPolicies), History.AffiliationConfirmed(),
            History.Verified(CheckKind.Ethics),
        ];

        Spec.Given(unsure)
            .When(Commands.Reject(CheckKind.Purpose, "Not the registry's disease."))
            .Then(
                new ApplicationEvent.CheckRejected("steward", Now, CheckKind.Purpose, "Not the registry's disease."),
                new ApplicationEvent.ApplicationDecided("steward", Now, [], "purpose: a steward found the research purpose does not fit"));
        Spec.Given(unsure)
            .When(Commands.Verify(CheckKind.Purpose))
            .Then(new ApplicationEvent.CheckVerified("steward", Now, CheckKind.Purpose, "Looks right."));
    }

    [Fact]
    public void a_purpose_that_fits_is_not_open_to_a_steward() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.Verify(CheckKind.Purpose))
            .ThenRefused(Conflict, "verify-purpose.not-open");

    [Fact]
    public void the_chair_rejects_with_a_reason_and_the_application_is_rejected() =>
        Spec.Given(History.BeforeTheNgcDac)
            .When(Commands.RejectAsDac(NgcChair, "The consent does not cover this."))
            .Then(
                new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Reject, [Wgs, CancerRegistry], null, [], "The consent does not cover this."),
                new ApplicationEvent.ApplicationDecided("ngc-chair", Now, [], "ngc-dac: The consent does not cover this."));

    [Fact]
    public void the_chair_cannot_reject_without_a_reason() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.RejectAsDac(NgcChair, reason: null))
            .ThenRefused(Conflict, "decide.reason-required");

    [Fact]
    public void the_chair_cannot_approve_with_fewer_approvals_than_the_workflow_requires() =>
        Spec.Given([.. History.BeforeTheNgcDac, History.VoteCast(NgcReviewer1)])
            .When(Commands.Approve(NgcChair))
            .ThenRefused(Conflict, "decide.not-enough-approvals");

    [Fact]
    public void abstentions_and_rejections_are_not_approvals() =>
        Spec.Given(
            [
                .. History.BeforeTheNgcDac, History.VoteCast(NgcReviewer1),
                History.VoteCast(NgcReviewer2, vote: DacVote.Abstain), History.VoteCast(NgcChair, vote: DacVote.Reject),
            ])
            .When(Commands.Approve(NgcChair))
            .ThenRefused(Conflict, "decide.not-enough-approvals");

    [Fact]
    public void a_rejected_application_is_final() =>
        Spec.Given([.. History.BeforeTheNgcDac, History.DacRejected(NgcChair, NgcDacId, [Wgs, CancerRegistry], "No."), History.Decided(NgcChair, [], "ngc-dac: No.")])
            .When(Commands.Vote(NgcReviewer1))
            .ThenRefused(Conflict, "vote.not-when-rejected");
}
