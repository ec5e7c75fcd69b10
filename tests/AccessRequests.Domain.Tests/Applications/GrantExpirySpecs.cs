using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// The service's timer ends access when its time is up: an event, recorded once. The grants of
/// <see cref="History.ApprovedByNgc"/> run through <see cref="Fixed.GrantEnd"/>.
/// </summary>
public class GrantExpirySpecs
{
    private static readonly DateTimeOffset End = History.Through(GrantEnd);

    private static ApplicationEvent.AccessExpired[] AllExpire(DateTimeOffset at) =>
    [
        History.Expired(Applicant, Wgs, at), History.Expired(TeamMember, Wgs, at),
        History.Expired(Applicant, CancerRegistry, at), History.Expired(TeamMember, CancerRegistry, at),
    ];

    /// <summary>Approved, and warned 30 and 7 days before the end (see <see cref="ExpiryWarningSpecs"/>).</summary>
    private static readonly ApplicationEvent[] Warned = [.. History.ApprovedByNgc, .. History.NgcGrantsWarned(30), .. History.NgcGrantsWarned(7)];

    [Fact]
    public void before_the_end_nothing_expires() =>
        Spec.Given(Warned)
            .When(Commands.CheckDeadline(End.AddMinutes(-1)))
            .ThenNothingHappens();

    [Fact]
    public void at_the_end_every_grant_expires() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.CheckDeadline(End))
            .Then(AllExpire(End));

    [Fact]
    public void a_timer_that_comes_late_expires_them_when_it_comes() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.CheckDeadline(End.AddDays(3)))
            .Then(AllExpire(End.AddDays(3)));

    [Fact]
    public void grants_expire_once() =>
        Spec.Given([.. History.ApprovedByNgc, .. AllExpire(End)])
            .When(Commands.CheckDeadline(End.AddDays(1)))
            .ThenNothingHappens();

    [Fact]
    public void a_revoked_grant_does_not_expire() =>
        Spec.Given([.. History.ApprovedByNgc, History.Revoked(TeamMember, Wgs, NgcChair, "Misuse.")])
            .When(Commands.CheckDeadline(End))
            .Then(History.Expired(Applicant, Wgs, End), History.Expired(Applicant, CancerRegistry, End), History.Expired(TeamMember, CancerRegistry, End));

    [Fact]
    public void an_expired_grant_is_no_longer_active()
    {
        var state = ApplicationEvolver.Fold([.. History.ApprovedByNgc, .. AllExpire(End)]);

        state.ShouldSatisfyAllConditions(
            s => s.ActiveGrants.ShouldBeEmpty(),
            s => s.Grants.Select(g => g.Status).Distinct().ShouldBe([GrantStatus.Expired]),
            s => s.Status.ShouldBe(ApplicationStatus.Approved));
    }

    [Fact]
    public void the_next_check_is_the_end_of_access_when_no_deadline_is_pending()
    {
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(Warned)).ShouldBe(End);
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold([.. Warned, .. AllExpire(End)])).ShouldBeNull();
    }

    [Fact]
    public void under_review_for_a_renewal_the_next_check_is_the_earlier_of_the_reminder_and_the_end_of_access()
    {
        var renewedAt = End.AddDays(-30);

        // The renewal's reminder is 76 days after the request: access ends first.
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold([.. Warned, History.RenewalRequested(renewedAt)])).ShouldBe(End);
        // Asked in good time, the reminder comes first.
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold([.. Warned, History.RenewalRequested(End.AddDays(-120))]))
            .ShouldBe(End.AddDays(-120).AddDays(76));
    }

    /// <summary>The registry's grants, through the Region H DAC, end before the NGC DAC's.</summary>
    public class WithTwoEnds
    {
        private static readonly DatasetPolicy RhRegistry = RegistryPolicy with { DacId = RhDacId };
        private static readonly DateTimeOffset RhEnd = History.Through(new DateOnly(2026, 2, 28));

        private static readonly ApplicationEvent[] Approved =
        [
            .. History.BeforeTwoDacs, History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2), History.DacApproved(NgcChair, NgcDacId, [Wgs]),
            History.VoteCast(RhReviewer, RhDacId), History.VoteCast(RhChair, RhDacId),
            History.DacApproved(RhChair, RhDacId, [CancerRegistry]) with { ValidUntil = new DateOnly(2026, 2, 28) },
            History.Decided(RhChair, [Wgs, CancerRegistry]),
            History.Granted(Applicant, WgsPolicy, RhChair), History.Granted(TeamMember, WgsPolicy, RhChair),
            History.Granted(Applicant, RhRegistry, RhChair, until: RhEnd), History.Granted(TeamMember, RhRegistry, RhChair, until: RhEnd),
        ];

        /// <summary>Every grant warned 30 and 7 days before its end: what is left to look at is the ends.</summary>
        private static readonly ApplicationEvent[] Warned =
        [
            .. Approved, .. History.NgcGrantsWarned(30).Take(2), .. History.NgcGrantsWarned(7).Take(2),
            History.ExpiryWarned(Applicant, CancerRegistry, 30, RhEnd), History.ExpiryWarned(TeamMember, CancerRegistry, 30, RhEnd),
            History.ExpiryWarned(Applicant, CancerRegistry, 7, RhEnd), History.ExpiryWarned(TeamMember, CancerRegistry, 7, RhEnd),
        ];

        private static readonly ApplicationEvent[] RegistryExpired =
            [.. Warned, History.Expired(Applicant, CancerRegistry, RhEnd), History.Expired(TeamMember, CancerRegistry, RhEnd)];

        [Fact]
        public void only_the_grants_whose_time_is_up_expire() =>
            Spec.Given(Approved)
                .When(Commands.CheckDeadline(RhEnd))
                .Then(History.Expired(Applicant, CancerRegistry, RhEnd), History.Expired(TeamMember, CancerRegistry, RhEnd));

        [Fact]
        public void the_next_check_is_the_earliest_end_of_the_active_grants()
        {
            ApplicationProgress.NextCheck(ApplicationEvolver.Fold(Warned)).ShouldBe(RhEnd);
            ApplicationProgress.NextCheck(ApplicationEvolver.Fold(RegistryExpired)).ShouldBe(End);
        }
    }
}
