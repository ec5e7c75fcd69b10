using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// Revoking ends access before its time, with a reason: one grant by the chair of the DAC that granted it, or the whole
/// application by a steward (or a chair of every DAC on it), which ends the application too.
/// </summary>
public class RevokeSpecs
{
    private const string Reason = "The data were copied off the HPC.";
    private static readonly Guid MembersWgs = History.GrantIdOf(TeamMember, Wgs);

    [Fact]
    public void the_deciding_dacs_chair_revokes_one_grant() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(NgcChair, MembersWgs))
            .Then(new ApplicationEvent.AccessRevoked("ngc-chair", Now, MembersWgs, Reason));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void a_revocation_needs_a_reason(string reason) =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(NgcChair, MembersWgs, reason))
            .ThenRefused(Conflict, "revoke.reason-required");

    [Fact]
    public void a_dac_member_who_is_not_the_chair_may_not_revoke() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(NgcReviewer1, MembersWgs))
            .ThenRefused(Forbidden, "revoke.not-allowed");

    [Fact]
    public void the_applicant_may_not_revoke_a_grant() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(Applicant, MembersWgs))
            .ThenRefused(Forbidden, "revoke.not-allowed");

    [Fact]
    public void the_applicant_may_not_revoke_the_application() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(Applicant))
            .ThenRefused(Forbidden, "revoke.not-allowed");

    [Fact]
    public void a_grant_the_application_does_not_have_cannot_be_revoked() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(NgcChair, History.GrantIdOf(Invitee, Wgs)))
            .ThenRefused(Conflict, "revoke.unknown-grant");

    [Fact]
    public void revoking_a_grant_that_has_ended_records_nothing() =>
        Spec.Given([.. History.ApprovedByNgc, History.Revoked(TeamMember, Wgs, NgcChair, Reason)])
            .When(Commands.Revoke(NgcChair, MembersWgs))
            .ThenNothingHappens();

    [Fact]
    public void a_steward_revokes_the_whole_application_ending_every_active_grant() =>
        Spec.Given([.. History.ApprovedByNgc, History.Revoked(TeamMember, Wgs, NgcChair, "Earlier.")])
            .When(Commands.Revoke(Steward))
            .Then(
                new ApplicationEvent.AccessRevoked("steward", Now, History.GrantIdOf(Applicant, Wgs), Reason),
                new ApplicationEvent.AccessRevoked("steward", Now, History.GrantIdOf(Applicant, CancerRegistry), Reason),
                new ApplicationEvent.AccessRevoked("steward", Now, History.GrantIdOf(TeamMember, CancerRegistry), Reason),
                new ApplicationEvent.ApplicationRevoked("steward", Now, Reason));

    [Fact]
    public void a_revoked_application_is_revoked_with_no_access_left()
    {
        var state = ApplicationEvolver.Fold([.. History.ApprovedByNgc, .. Spec.Given(History.ApprovedByNgc).When(Commands.Revoke(Steward)).Events()]);

        state.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Revoked),
            s => s.ActiveGrants.ShouldBeEmpty(),
            s => s.Grants.Select(g => (g.Status, g.EndReason)).Distinct().ShouldBe([(GrantStatus.Revoked, Reason)]),
            s => ApplicationProgress.NextCheck(s).ShouldBeNull());
    }

    [Fact]
    public void the_chair_of_the_only_dac_may_revoke_the_whole_application() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Revoke(NgcChair))
            .Then(
            [
                .. History.NgcGrants().Select(g => new ApplicationEvent.AccessRevoked("ngc-chair", Now, g.GrantId, Reason)),
                new ApplicationEvent.ApplicationRevoked("ngc-chair", Now, Reason),
            ]);

    [Fact]
    public void a_revoked_grant_is_not_given_back_when_the_grants_are_brought_up_to_date() =>
        // Another member accepting the terms makes the decider look at everyone's access again.
        Spec.Given([.. History.ApprovedByNgc, History.Revoked(TeamMember, Wgs, NgcChair, Reason), History.Joined(Invitee)])
            .When(Commands.AcceptTerms(Invitee))
            .Then(
                new ApplicationEvent.TermsAccepted("invitee", Now, TermsV1),
                History.Granted(Invitee, WgsPolicy, Invitee, Now),
                History.Granted(Invitee, RegistryPolicy, Invitee, Now));

    /// <summary>WGS granted through the NGC DAC, the registry through the Region H DAC.</summary>
    public class WithTwoDacs
    {
        private static readonly DatasetPolicy RhRegistry = RegistryPolicy with { DacId = RhDacId };

        private static readonly ApplicationEvent[] Approved =
        [
            .. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2), History.DacApproved(NgcChair, NgcDacId, [Wgs]),
            History.VoteCast(RhReviewer, RhDacId), History.VoteCast(RhChair, RhDacId), History.DacApproved(RhChair, RhDacId, [CancerRegistry]),
            History.Decided(RhChair, [Wgs, CancerRegistry]),
            History.Granted(Applicant, WgsPolicy, RhChair), History.Granted(TeamMember, WgsPolicy, RhChair),
            History.Granted(Applicant, RhRegistry, RhChair), History.Granted(TeamMember, RhRegistry, RhChair),
        ];

        [Fact]
        public void a_chair_revokes_what_their_dac_granted() =>
            Spec.Given(Approved)
                .When(Commands.Revoke(RhChair, History.GrantIdOf(TeamMember, CancerRegistry)))
                .Then(new ApplicationEvent.AccessRevoked("rh-chair", Now, History.GrantIdOf(TeamMember, CancerRegistry), Reason));

        [Fact]
        public void a_chair_may_not_revoke_what_the_other_dac_granted() =>
            Spec.Given(Approved)
                .When(Commands.Revoke(RhChair, MembersWgs))
                .ThenRefused(Forbidden, "revoke.not-allowed");

        [Fact]
        public void a_chair_of_one_of_the_dacs_may_not_revoke_the_whole_application() =>
            Spec.Given(Approved)
                .When(Commands.Revoke(NgcChair))
                .ThenRefused(Forbidden, "revoke.not-allowed");
    }

    /// <summary>Before any DAC is pinned there is no deciding chair: only staff may revoke, wherever it stands.</summary>
    public class WithoutDacs
    {
        [Fact]
        public void the_applicant_may_not_revoke_a_draft() =>
            Spec.Given(History.ReadyDraft)
                .When(Commands.Revoke(Applicant))
                .ThenRefused(Forbidden, "revoke.not-allowed");

        [Fact]
        public void the_applicant_may_not_revoke_an_application_submitted_without_policies() =>
            Spec.Given(History.InReview)
                .When(Commands.Revoke(Applicant))
                .ThenRefused(Forbidden, "revoke.not-allowed");
    }
}
