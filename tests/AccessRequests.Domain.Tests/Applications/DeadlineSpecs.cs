using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// The deadline timer: a reminder before the decision is due, the deadline passing, each recorded once.
/// Submitted at <see cref="Fixed.T0"/> under the NGC workflow: decision in 90 days, reminder 14 days before.
/// </summary>
public class DeadlineSpecs
{
    private static readonly DateTimeOffset Due = T0.AddDays(90);
    private static readonly DateTimeOffset RemindAt = Due.AddDays(-14);

    private static readonly ApplicationEvent[] Decided =
        [.. History.NgcMembersApproved, History.DacApproved(NgcChair, NgcDacId, [Wgs, CancerRegistry]), History.Decided(NgcChair, [Wgs, CancerRegistry])];

    [Fact]
    public void before_the_reminder_is_due_nothing_happens() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.CheckDeadline(RemindAt.AddMinutes(-1)))
            .ThenNothingHappens();

    [Fact]
    public void remind_days_before_the_deadline_the_deciders_are_reminded() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.CheckDeadline(RemindAt))
            .Then(new ApplicationEvent.DeadlineReminded("system", RemindAt, Due));

    [Fact]
    public void they_are_reminded_once() =>
        Spec.Given([.. History.InNgcReview, new ApplicationEvent.DeadlineReminded("system", RemindAt, Due)])
            .When(Commands.CheckDeadline(RemindAt.AddDays(1)))
            .ThenNothingHappens();

    [Fact]
    public void at_the_deadline_it_is_recorded_as_passed() =>
        Spec.Given([.. History.InNgcReview, new ApplicationEvent.DeadlineReminded("system", RemindAt, Due)])
            .When(Commands.CheckDeadline(Due))
            .Then(new ApplicationEvent.DeadlinePassed("system", Due, Due));

    [Fact]
    public void a_timer_that_missed_the_reminder_records_the_deadline_passing_only() =>
        Spec.Given(History.InNgcReview)
            .When(Commands.CheckDeadline(Due.AddDays(3)))
            .Then(new ApplicationEvent.DeadlinePassed("system", Due.AddDays(3), Due));

    [Fact]
    public void the_deadline_passes_once() =>
        Spec.Given([.. History.InNgcReview, new ApplicationEvent.DeadlinePassed("system", Due, Due)])
            .When(Commands.CheckDeadline(Due.AddDays(1)))
            .ThenNothingHappens();

    [Fact]
    public void after_the_decision_there_is_no_deadline() =>
        Spec.Given(Decided)
            .When(Commands.CheckDeadline(Due.AddDays(1)))
            .ThenNothingHappens();

    [Fact]
    public void a_response_after_a_reminder_moves_the_deadline_and_reminds_again()
    {
        ApplicationEvent[] history =
        [
            .. History.InNgcReview, new ApplicationEvent.DeadlineReminded("system", RemindAt, Due),
            History.InformationRequested(at: RemindAt.AddDays(1)), History.Responded(at: RemindAt.AddDays(6)),
        ];

        Spec.Given(history)
            .When(Commands.CheckDeadline(RemindAt.AddDays(6)))
            .Then(new ApplicationEvent.DeadlineReminded("system", RemindAt.AddDays(6), Due.AddDays(5)));
    }

    [Fact]
    public void while_returned_under_the_ngc_workflow_there_is_no_completion_deadline() =>
        Spec.Given(History.ReturnedToApplicant)
            .When(Commands.CheckDeadline(Due.AddDays(30)))
            .ThenNothingHappens();

    [Fact]
    public void the_next_check_is_the_reminder_then_the_deadline_then_none()
    {
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(History.InNgcReview)).ShouldBe(RemindAt);
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(
            [.. History.InNgcReview, new ApplicationEvent.DeadlineReminded("system", RemindAt, Due)])).ShouldBe(Due);
        ApplicationProgress.NextCheck(ApplicationEvolver.Fold(Decided)).ShouldBeNull();
    }

    public class UnderTheEhdsPermit
    {
        private static readonly DatasetPolicy[] Ehds = [RegistryPolicy with { WorkflowId = "ehds-data-permit" }];
        private static readonly DateTimeOffset ReturnedAt = T0.AddDays(10);
        private static readonly DateTimeOffset CompleteBy = ReturnedAt.AddDays(28);

        private static readonly ApplicationEvent[] Returned =
            [.. History.SubmittedFrom(Ehds), History.InformationRequested(at: ReturnedAt)];

        [Fact]
        public void a_returned_application_has_until_the_completion_deadline() =>
            Spec.Given(Returned)
                .When(Commands.CheckDeadline(CompleteBy.AddMinutes(-1)))
                .ThenNothingHappens();

        [Fact]
        public void when_the_completion_time_passes_the_deadline_is_recorded_as_passed() =>
            Spec.Given(Returned)
                .When(Commands.CheckDeadline(CompleteBy))
                .Then(new ApplicationEvent.DeadlinePassed("system", CompleteBy, CompleteBy));

        [Fact]
        public void the_completion_deadline_is_the_next_check_while_returned() =>
            ApplicationProgress.NextCheck(ApplicationEvolver.Fold(Returned)).ShouldBe(CompleteBy);
    }
}
