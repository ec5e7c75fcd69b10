using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// The timer warns 30 and 7 days before access ends, and before the ethics approval behind it ends, each once.
/// The grants of <see cref="History.ApprovedByNgc"/> run through <see cref="Fixed.GrantEnd"/>.
/// </summary>
public class ExpiryWarningSpecs
{
    private static readonly DateTimeOffset End = History.Through(GrantEnd);

    private static readonly ApplicationEvent[] WarnedAt30 = [.. History.ApprovedByNgc, .. History.NgcGrantsWarned(30)];

    private static readonly ApplicationEvent[] WarnedAt30And7 = [.. WarnedAt30, .. History.NgcGrantsWarned(7)];

    private static ApplicationEvent.AccessExpired[] AllExpire(DateTimeOffset at) =>
        [.. History.NgcGrants().Select(g => new ApplicationEvent.AccessExpired(Actor.SystemUserId, at, g.GrantId))];

    [Fact]
    public void more_than_thirty_days_before_the_end_nothing_is_due() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.CheckDeadline(End.AddDays(-30).AddMinutes(-1)))
            .ThenNothingHappens();

    [Fact]
    public void exactly_thirty_days_before_the_end_every_grant_is_warned_of() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.CheckDeadline(End.AddDays(-30)))
            .Then(History.NgcGrantsWarned(30));

    [Fact]
    public void the_thirty_day_warning_is_given_once() =>
        Spec.Given(WarnedAt30)
            .When(Commands.CheckDeadline(End.AddDays(-20)))
            .ThenNothingHappens();

    [Fact]
    public void seven_days_before_the_end_the_second_warning_is_given() =>
        Spec.Given(WarnedAt30)
            .When(Commands.CheckDeadline(End.AddDays(-7)))
            .Then(History.NgcGrantsWarned(7));

    [Fact]
    public void a_timer_that_comes_inside_the_seven_days_gives_only_the_seven_day_warning() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.CheckDeadline(End.AddDays(-3)))
            .Then(History.NgcGrantsWarned(7, at: End.AddDays(-3)));

    [Fact]
    public void after_the_seven_day_warning_nothing_more_is_said_until_the_end() =>
        Spec.Given(WarnedAt30And7)
            .When(Commands.CheckDeadline(End.AddMinutes(-1)))
            .ThenNothingHappens();

    [Fact]
    public void a_timer_that_comes_after_the_end_expires_the_grants_and_warns_of_nothing() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.CheckDeadline(End))
            .Then(AllExpire(End));

    [Fact]
    public void a_revoked_grant_is_not_warned_of() =>
        Spec.Given([.. History.ApprovedByNgc, History.Revoked(TeamMember, Wgs, NgcChair, "Misuse.")])
            .When(Commands.CheckDeadline(End.AddDays(-30)))
            .Then(History.ExpiryWarned(Applicant, Wgs, 30), History.ExpiryWarned(Applicant, CancerRegistry, 30), History.ExpiryWarned(TeamMember, CancerRegistry, 30));

    [Fact]
    public void a_revoked_application_warns_nobody()
    {
        ApplicationEvent[] revoked =
        [
            .. History.ApprovedByNgc,
            .. History.NgcGrants().Select(g => new ApplicationEvent.AccessRevoked(Steward.UserId, T0.AddDays(1), g.GrantId, "The data were copied off the HPC.")),
            new ApplicationEvent.ApplicationRevoked(Steward.UserId, T0.AddDays(1), "The data were copied off the HPC."),
        ];

        Spec.Given(revoked).When(Commands.CheckDeadline(End.AddDays(-30))).ThenNothingHappens();
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(revoked)).ShouldBeNull();
    }

    /// <summary>Closing revokes the grants in the same command; the rule holds on its own all the same.</summary>
    [Fact]
    public void a_closed_application_warns_nobody_even_of_a_grant_still_recorded_as_active() =>
        Spec.Given([.. History.ApprovedByNgc, History.Closed(Steward)])
            .When(Commands.CheckDeadline(End.AddDays(-30)))
            .ThenNothingHappens();

    [Fact]
    public void an_extended_grant_is_warned_of_again_before_its_new_end()
    {
        var newEnd = History.Through(RenewalEnd);
        ApplicationEvent[] extended =
        [
            .. WarnedAt30And7,
            History.Granted(Applicant, WgsPolicy, at: End.AddDays(-2), until: newEnd, from: T0),
            History.Granted(TeamMember, WgsPolicy, at: End.AddDays(-2), until: newEnd, from: T0),
            History.Granted(Applicant, RegistryPolicy, at: End.AddDays(-2), until: newEnd, from: T0),
            History.Granted(TeamMember, RegistryPolicy, at: End.AddDays(-2), until: newEnd, from: T0),
        ];

        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(extended)).ShouldBe(newEnd.AddDays(-30));
        Spec.Given(extended)
            .When(Commands.CheckDeadline(newEnd.AddDays(-30)))
            .Then(History.NgcGrantsWarned(30, until: newEnd));
    }

    [Fact]
    public void the_next_check_is_each_warning_then_the_end()
    {
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(History.ApprovedByNgc)).ShouldBe(End.AddDays(-30));
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(WarnedAt30)).ShouldBe(End.AddDays(-7));
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(WarnedAt30And7)).ShouldBe(End);
    }

    [Fact]
    public void after_a_late_seven_day_warning_the_thirty_day_one_is_not_waited_for() =>
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold([.. History.ApprovedByNgc, .. History.NgcGrantsWarned(7, at: End.AddDays(-3))]))
            .ShouldBe(End);

    /// <summary>The ethics approval ends with the grants (the NGC workflow ends access no later than the approval).</summary>
    public class WhenTheEthicsApprovalEndsWithTheGrants
    {
        private static readonly ApplicationEvent[] Approved =
            [.. History.ApprovedByNgc.Select(e => e is ApplicationEvent.EthicsApprovalAdded a ? a with { ValidUntil = GrantEnd } : e)];

        [Fact]
        public void thirty_days_before_the_end_the_grants_and_the_ethics_approval_are_warned_of() =>
            Spec.Given(Approved)
                .When(Commands.CheckDeadline(End.AddDays(-30)))
                .Then([.. History.NgcGrantsWarned(30), History.EthicsExpiryWarned(30, GrantEnd)]);

        [Fact]
        public void the_ethics_approval_is_warned_of_once_per_step() =>
            Spec.Given([.. Approved, .. History.NgcGrantsWarned(30), History.EthicsExpiryWarned(30, GrantEnd)])
                .When(Commands.CheckDeadline(End.AddDays(-7)))
                .Then([.. History.NgcGrantsWarned(7), History.EthicsExpiryWarned(7, GrantEnd)]);
    }

    [Fact]
    public void an_ethics_approval_that_no_longer_backs_any_access_is_not_warned_of()
    {
        var ethicsEnd = History.Through(EthicsUntil);

        Spec.Given([.. WarnedAt30And7, .. AllExpire(End)])
            .When(Commands.CheckDeadline(ethicsEnd.AddDays(-30)))
            .ThenNothingHappens();
    }

    [Fact]
    public void while_access_runs_the_ethics_approval_ending_first_is_warned_of()
    {
        var ethicsEnds = new DateOnly(2026, 3, 31);
        ApplicationEvent[] approved = [.. History.ApprovedByNgc, History.EthicsApprovalAdded(until: ethicsEnds)];

        Spec.Given(approved)
            .When(Commands.CheckDeadline(History.Through(ethicsEnds).AddDays(-30)))
            .Then(History.EthicsExpiryWarned(30, ethicsEnds));
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(approved)).ShouldBe(History.Through(ethicsEnds).AddDays(-30));
    }

    [Fact]
    public void an_ethics_approval_that_had_ended_before_access_was_given_is_not_waited_for()
    {
        var endedBefore = new DateOnly(2025, 5, 31);
        ApplicationEvent[] history =
            [.. History.ApprovedByNgc.Select(e => e is ApplicationEvent.EthicsApprovalAdded a ? a with { ValidUntil = endedBefore } : e)];

        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(history)).ShouldBe(End.AddDays(-30));
        Spec.Given(history).When(Commands.CheckDeadline(T0.AddDays(1))).ThenNothingHappens();
    }
}
