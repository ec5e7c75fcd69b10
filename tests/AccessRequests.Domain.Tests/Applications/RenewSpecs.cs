using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// The applicant asks for longer access: the DAC reviews the application again while the grants run on. Approved,
/// the grants are extended (same ids, later end); refused, they run to their original end.
/// </summary>
public class RenewSpecs
{
    private static readonly DateTimeOffset End = History.Through(GrantEnd);
    private static readonly DateTimeOffset RenewAt = End.AddDays(-60);
    private static readonly DateTimeOffset DecideAt = RenewAt.AddDays(10);
    private static readonly DateOnly NewEnd = new(2027, 3, 31);

    private static ApplicationEvent[] UnderRenewal => [.. History.ApprovedByNgc, History.RenewalRequested(RenewAt)];

    private static ApplicationEvent[] RenewalVoted =>
        [.. UnderRenewal, History.VoteCast(NgcReviewer1, at: RenewAt), History.VoteCast(NgcReviewer2, at: RenewAt)];

    [Fact]
    public void the_applicant_asks_for_longer_access() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Renew())
            .Then(new ApplicationEvent.RenewalRequested("applicant", Now, RenewalEnd, RenewalJustification));

    [Fact]
    public void a_member_may_not_ask_for_longer_access() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Renew(TeamMember))
            .ThenRefused(Forbidden, "renew.applicant-only");

    [Fact]
    public void a_steward_may_not_ask_for_longer_access_for_the_applicant() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Renew(Steward))
            .ThenRefused(Forbidden, "renew.applicant-only");

    [Fact]
    public void only_an_approved_application_is_renewed() =>
        Spec.Given(History.NgcMembersApproved)
            .When(Commands.Renew())
            .ThenRefused(Conflict, "renew.not-when-submitted");

    [Fact]
    public void access_that_has_ended_is_not_renewed() =>
        Spec.Given(
            [
                .. History.ApprovedByNgc,
                .. History.NgcGrants().Select(g => new ApplicationEvent.AccessExpired(Actor.SystemUserId, End, g.GrantId)),
            ])
            .When(Commands.Renew(at: End.AddDays(1)))
            .ThenRefused(Conflict, "renew.no-active-grant");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void the_new_end_must_be_in_the_future(int daysFromToday) =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Renew(until: DateOnly.FromDateTime(Now.UtcDateTime).AddDays(daysFromToday)))
            .ThenRefused(Conflict, "renew.until-past");

    [Fact]
    public void a_renewal_puts_the_application_back_before_the_dac_with_the_grants_running_on()
    {
        var state = ApplicationEvolver.Fold(UnderRenewal);

        state.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(ApplicationStatus.Submitted),
            s => s.RenewalUntil.ShouldBe(RenewalEnd),
            s => s.Reviews[NgcDacId].Decision.ShouldBeNull(),
            s => s.Reviews[NgcDacId].Votes.ShouldBeEmpty(),
            s => s.ActiveGrants.Select(g => (g.GrantId, g.ValidUntil)).ShouldBe(History.NgcGrants().Select(g => (g.GrantId, End))),
            s => ApplicationProgress.DecisionDue(s).ShouldBe(RenewAt.AddDays(90)),
            s => ApplicationProgress.Tracks(s, DateOnly.FromDateTime(RenewAt.UtcDateTime)).Single().Progress.Open.Select(p => p.StepId).ShouldBe(["dac"]));
    }

    [Fact]
    public void the_dac_members_vote_again() =>
        Spec.Given(UnderRenewal)
            .When(Commands.Vote(NgcReviewer1) with { Now = RenewAt.AddDays(1) })
            .Then(new ApplicationEvent.VoteCast("ngc-1", RenewAt.AddDays(1), NgcDacId, DacVote.Approve, null));

    [Fact]
    public void approving_the_renewal_extends_every_grant_keeping_its_id_and_start() =>
        Spec.Given(RenewalVoted)
            .When(Commands.Approve(NgcChair) with { Now = DecideAt, ValidUntil = NewEnd })
            .Then(
                new ApplicationEvent.DacDecided("ngc-chair", DecideAt, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], NewEnd, Conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", DecideAt, [Wgs, CancerRegistry], null),
                History.Granted(Applicant, WgsPolicy, NgcChair, DecideAt, History.Through(NewEnd), from: T0),
                History.Granted(TeamMember, WgsPolicy, NgcChair, DecideAt, History.Through(NewEnd), from: T0),
                History.Granted(Applicant, RegistryPolicy, NgcChair, DecideAt, History.Through(NewEnd), from: T0),
                History.Granted(TeamMember, RegistryPolicy, NgcChair, DecideAt, History.Through(NewEnd), from: T0));

    [Fact]
    public void an_extension_is_the_same_grant_again()
    {
        var decided = Spec.Given(RenewalVoted).When(Commands.Approve(NgcChair) with { Now = DecideAt, ValidUntil = NewEnd }).Events();
        var extended = decided.OfType<ApplicationEvent.AccessGranted>().ToList();
        var state = ApplicationEvolver.Fold([.. RenewalVoted, .. decided]);

        state.ShouldSatisfyAllConditions(
            s => extended.Select(g => g.GrantId).ShouldBe(History.NgcGrants().Select(g => g.GrantId)),
            s => s.Status.ShouldBe(ApplicationStatus.Approved),
            s => s.Grants.Count.ShouldBe(4),
            s => s.ActiveGrants.Select(g => g.ValidUntil).Distinct().ShouldBe([History.Through(NewEnd)]),
            // The first thing to look at is the warning 30 days before the new end.
            s => ApplicationProgress.NextCheck(s).ShouldBe(History.Through(NewEnd).AddDays(-30)));
    }

    [Fact]
    public void a_renewal_approved_with_an_earlier_end_leaves_the_grants_as_they_are() =>
        Spec.Given(RenewalVoted)
            .When(Commands.Approve(NgcChair) with { Now = DecideAt, ValidUntil = GrantEnd.AddDays(-10) })
            .Then(
                new ApplicationEvent.DacDecided("ngc-chair", DecideAt, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], GrantEnd.AddDays(-10), Conditions, null),
                new ApplicationEvent.ApplicationDecided("ngc-chair", DecideAt, [Wgs, CancerRegistry], null));

    [Fact]
    public void refusing_the_renewal_records_no_grant_events() =>
        Spec.Given(UnderRenewal)
            .When(Commands.RejectAsDac(NgcChair, "The project has not reported.") with { Now = DecideAt })
            .Then(
                new ApplicationEvent.DacDecided("ngc-chair", DecideAt, NgcDacId, DacDecision.Reject, [Wgs, CancerRegistry], null, [], "The project has not reported."),
                new ApplicationEvent.ApplicationDecided("ngc-chair", DecideAt, [], "ngc-dac: The project has not reported."));

    [Fact]
    public void after_a_refused_renewal_the_grants_run_to_their_original_end()
    {
        ApplicationEvent[] refused =
        [
            .. UnderRenewal, History.DacRejected(NgcChair, NgcDacId, [Wgs, CancerRegistry], "The project has not reported.", DecideAt),
            History.Decided(NgcChair, [], "ngc-dac: The project has not reported.", DecideAt),
        ];

        ApplicationEvolver.Fold(refused).ActiveGrants.Select(g => g.ValidUntil).ShouldBe([End, End, End, End]);
        Spec.Given(refused)
            .When(Commands.CheckDeadline(End))
            .Then([.. History.NgcGrants().Select(g => new ApplicationEvent.AccessExpired(Actor.SystemUserId, End, g.GrantId))]);
    }

    [Fact]
    public void a_steward_may_revoke_the_whole_application_while_its_renewal_is_under_review() =>
        Spec.Given(UnderRenewal)
            .When(Commands.Revoke(Steward))
            .Then(
            [
                .. History.NgcGrants().Select(g => new ApplicationEvent.AccessRevoked("steward", Now, g.GrantId, "The data were copied off the HPC.")),
                new ApplicationEvent.ApplicationRevoked("steward", Now, "The data were copied off the HPC."),
            ]);
}
