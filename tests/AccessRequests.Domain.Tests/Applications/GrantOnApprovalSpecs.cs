using AccessRequests.Domain.Duo;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// Approval grants each applying user who accepted the pinned terms one grant per approved dataset. A grant runs
/// until the earliest of: the chair's date (through that day), the workflow's maximum from the decision, and, where the
/// workflow says so, the ethics approval's end (through that day).
/// </summary>
public class GrantOnApprovalSpecs
{
    private static readonly DateOnly Later = new(2027, 6, 30);
    private static readonly DateOnly EthicsEndsSooner = new(2026, 3, 31);

    /// <summary>Two NGC members approve; the ethics approval the steward verified ends on <paramref name="ethicsUntil"/>.</summary>
    private static ApplicationEvent[] MembersApprovedWithEthicsUntil(DateOnly ethicsUntil) =>
    [
        .. History.ReadyDraft, History.EthicsApprovalAdded(ethicsUntil), History.SubmittedUnder(NgcPolicies), History.AffiliationConfirmed(),
        History.PurposeMatched(T0, History.Matches(Wgs), History.Matches(CancerRegistry)), History.Verified(CheckKind.Ethics),
        History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2),
    ];

    [Fact]
    public void approval_grants_the_applicant_and_the_member_each_approved_dataset_through_the_chairs_date() =>
        // The invitee has not joined: nothing for them.
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(NgcChair))
            .Then(
                new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], GrantEnd, Conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", Now, [Wgs, CancerRegistry], null),
                new ApplicationEvent.AccessGranted("ngc-chair", Now, History.GrantIdOf(Applicant, Wgs), "applicant", Wgs, "ngc-hpc", NgcDacId,
                    Now, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Conditions),
                new ApplicationEvent.AccessGranted("ngc-chair", Now, History.GrantIdOf(TeamMember, Wgs), "member", Wgs, "ngc-hpc", NgcDacId,
                    Now, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Conditions),
                new ApplicationEvent.AccessGranted("ngc-chair", Now, History.GrantIdOf(Applicant, CancerRegistry), "applicant", CancerRegistry,
                    "region-h", NgcDacId, Now, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Conditions),
                new ApplicationEvent.AccessGranted("ngc-chair", Now, History.GrantIdOf(TeamMember, CancerRegistry), "member", CancerRegistry,
                    "region-h", NgcDacId, Now, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Conditions));

    [Fact]
    public void every_grant_has_its_own_id()
    {
        var granted = Spec.Given(History.NgcMembersApproved).When(Commands.Approve(NgcChair)).Events().OfType<ApplicationEvent.AccessGranted>();

        granted.Select(g => g.GrantId).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void a_date_beyond_the_workflows_maximum_is_cut_to_the_maximum_from_the_decision()
    {
        string[] conditions = ["No linkage with other registers."];

        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Approve(NgcChair) with { ValidUntil = Later, Conditions = conditions })
            .Then(
            [
                new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], Later, conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", Now, [Wgs, CancerRegistry], null),
                .. Grants(Now.AddDays(365), conditions),
            ]);
    }

    [Fact]
    public void access_ends_with_the_ethics_approval_where_the_workflow_ties_it_to_it() =>
        Spec.Given(MembersApprovedWithEthicsUntil(EthicsEndsSooner))
            .When(Commands.Approve(NgcChair))
            .Then(
            [
                new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], GrantEnd, Conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", Now, [Wgs, CancerRegistry], null),
                .. Grants(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Conditions),
            ]);

    [Fact]
    public void registered_access_does_not_end_with_the_ethics_approval()
    {
        DatasetPolicy[] registered = [WgsPolicy with { DuoCodes = [DuoTerms.Gru], WorkflowId = "registered-access" }];

        Spec.Given([.. History.ReadyDraft, History.EthicsApprovalAdded(EthicsEndsSooner)])
            .When(Commands.SubmitUnder(registered))
            .Then(
                new ApplicationEvent.Submitted("applicant", Now, TermsV1, registered, [ShippedWorkflows.Registered], [KuMember]),
                new ApplicationEvent.AffiliationConfirmedAutomatically("applicant", Now, "ku", KuMember),
                new ApplicationEvent.ApplicationDecided("applicant", Now, [Wgs], null),
                History.Granted(Applicant, registered[0], Applicant, Now, Now.AddDays(365), conditions: []),
                History.Granted(TeamMember, registered[0], Applicant, Now, Now.AddDays(365), conditions: []));
    }

    private static ApplicationEvent.AccessGranted[] Grants(DateTimeOffset until, string[] conditions) =>
    [
        History.Granted(Applicant, WgsPolicy, NgcChair, Now, until, conditions: conditions),
        History.Granted(TeamMember, WgsPolicy, NgcChair, Now, until, conditions: conditions),
        History.Granted(Applicant, RegistryPolicy, NgcChair, Now, until, conditions: conditions),
        History.Granted(TeamMember, RegistryPolicy, NgcChair, Now, until, conditions: conditions),
    ];

    /// <summary>WGS before the NGC DAC, the registry before the Region H DAC, each dataset with its DAC's date and conditions.</summary>
    public class AcrossTwoDacs
    {
        private static readonly DatasetPolicy RhRegistry = RegistryPolicy with { DacId = RhDacId };
        private static readonly DateOnly RhEnd = new(2026, 2, 28);
        private static readonly string[] RhConditions = ["Only aggregated results leave the region."];

        private static readonly ApplicationEvent[] BothVoted =
        [
            .. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2),
            History.VoteCast(RhReviewer, RhDacId), History.VoteCast(RhChair, RhDacId),
        ];

        [Fact]
        public void each_datasets_grants_carry_its_own_dacs_id_date_and_conditions() =>
            Spec.Given([.. BothVoted, History.DacApproved(NgcChair, NgcDacId, [Wgs])])
                .When(Commands.Approve(RhChair, RhDacId) with { ValidUntil = RhEnd, Conditions = RhConditions })
                .Then(
                    new ApplicationEvent.DacDecided("rh-chair", Now, RhDacId, DacDecision.Approve, [CancerRegistry], RhEnd, RhConditions, null),
                    new ApplicationEvent.ApplicationDecided("rh-chair", Now, [Wgs, CancerRegistry], null),
                    History.Granted(Applicant, WgsPolicy, RhChair, Now),
                    History.Granted(TeamMember, WgsPolicy, RhChair, Now),
                    History.Granted(Applicant, RhRegistry, RhChair, Now, History.Through(RhEnd), conditions: RhConditions),
                    History.Granted(TeamMember, RhRegistry, RhChair, Now, History.Through(RhEnd), conditions: RhConditions));

        [Fact]
        public void only_the_dataset_the_other_dac_approved_is_granted() =>
            Spec.Given([.. BothVoted, History.DacRejected(NgcChair, NgcDacId, [Wgs], "No consent for this.")])
                .When(Commands.Approve(RhChair, RhDacId))
                .Then(
                    new ApplicationEvent.DacDecided("rh-chair", Now, RhDacId, DacDecision.Approve, [CancerRegistry], GrantEnd, Conditions, null),
                    new ApplicationEvent.ApplicationDecided("rh-chair", Now, [CancerRegistry], "ngc-dac: No consent for this."),
                    History.Granted(Applicant, RhRegistry, RhChair, Now),
                    History.Granted(TeamMember, RhRegistry, RhChair, Now));
    }
}
