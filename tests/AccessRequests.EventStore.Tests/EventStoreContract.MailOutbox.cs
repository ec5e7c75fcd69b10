using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task an_added_mail_is_pending_and_due_from_its_creation()
    {
        var mail = Mail("alice@example.org", T0) with { ToName = null };
        await AddNotificationsAsync([], mail);

        (await Store.DueMailAsync(T0.AddSeconds(-1), 10)).ShouldBeEmpty();
        (await Store.DueMailAsync(T0, 10)).ShouldBe([new MailRow(mail, MailState.Pending, 0, T0, null, null)]);
    }

    [Fact]
    public async Task due_mail_comes_earliest_first_up_to_the_maximum()
    {
        var late = Mail("a@example.org", T0.AddMinutes(2));
        var early = Mail("b@example.org", T0);
        var middle = Mail("c@example.org", T0.AddMinutes(1));
        var notYet = Mail("d@example.org", T0.AddHours(1));
        await AddNotificationsAsync([], late, early, notYet, middle);

        (await Store.DueMailAsync(T0.AddMinutes(30), 10)).Select(m => m.Mail.Id).ShouldBe([early.Id, middle.Id, late.Id]);
        (await Store.DueMailAsync(T0.AddMinutes(30), 2)).Select(m => m.Mail.Id).ShouldBe([early.Id, middle.Id]);
    }

    [Fact]
    public async Task a_sent_mail_is_no_longer_due_and_a_late_failure_report_does_not_change_it()
    {
        var mail = Mail("alice@example.org", T0);
        await AddNotificationsAsync([], mail);

        await Store.MarkMailSentAsync(mail.Id, T0.AddSeconds(5));
        await Store.MarkMailAttemptFailedAsync(mail.Id, "too late", null);

        (await Store.DueMailAsync(T0.AddYears(1), 10)).ShouldBeEmpty();
        (await Store.ListMailAsync(MailState.Sent, 10)).ShouldBe([new MailRow(mail, MailState.Sent, 0, T0, T0.AddSeconds(5), null)]);
    }

    [Fact]
    public async Task a_failed_attempt_with_a_retry_time_keeps_the_mail_pending_until_then_and_counts_the_attempt()
    {
        var mail = Mail("alice@example.org", T0);
        await AddNotificationsAsync([], mail);

        await Store.MarkMailAttemptFailedAsync(mail.Id, "connection refused", T0.AddMinutes(1));
        (await Store.DueMailAsync(T0.AddSeconds(59), 10)).ShouldBeEmpty();
        (await Store.DueMailAsync(T0.AddMinutes(1), 10)).ShouldBe(
            [new MailRow(mail, MailState.Pending, 1, T0.AddMinutes(1), null, "connection refused")]);

        await Store.MarkMailAttemptFailedAsync(mail.Id, "451 try again later", T0.AddMinutes(5));
        (await Store.DueMailAsync(T0.AddMinutes(5), 10)).ShouldBe(
            [new MailRow(mail, MailState.Pending, 2, T0.AddMinutes(5), null, "451 try again later")]);
    }

    [Fact]
    public async Task a_failed_attempt_without_a_retry_time_gives_the_mail_up()
    {
        var mail = Mail("alice@example.org", T0);
        var other = Mail("bob@example.org", T0);
        await AddNotificationsAsync([], mail, other);

        await Store.MarkMailAttemptFailedAsync(mail.Id, "550 no such user", null);

        (await Store.DueMailAsync(T0.AddYears(1), 10)).Select(m => m.Mail).ShouldBe([other]);
        (await Store.ListMailAsync(MailState.Failed, 10)).ShouldBe([new MailRow(mail, MailState.Failed, 1, T0, null, "550 no such user")]);
    }

    [Fact]
    public async Task retrying_a_failed_mail_puts_it_back_due_at_once_with_no_attempts()
    {
        var mail = Mail("alice@example.org", T0);
        await AddNotificationsAsync([], mail);
        await Store.MarkMailAttemptFailedAsync(mail.Id, "timeout", T0.AddMinutes(1));
        await Store.MarkMailAttemptFailedAsync(mail.Id, "550 no such user", null);

        (await Store.RetryMailAsync(mail.Id, T0.AddDays(1))).ShouldBeTrue();

        (await Store.ListMailAsync(MailState.Failed, 10)).ShouldBeEmpty();
        (await Store.DueMailAsync(T0.AddDays(1), 10)).ShouldBe([new MailRow(mail, MailState.Pending, 0, T0.AddDays(1), null, "550 no such user")]);
        (await Store.DueMailAsync(T0.AddDays(1).AddSeconds(-1), 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task retrying_a_mail_that_has_not_failed_is_refused_and_changes_nothing()
    {
        var pending = Mail("alice@example.org", T0);
        var sent = Mail("bob@example.org", T0);
        await AddNotificationsAsync([], pending, sent);
        await Store.MarkMailAttemptFailedAsync(pending.Id, "timeout", T0.AddMinutes(10));
        await Store.MarkMailSentAsync(sent.Id, T0.AddSeconds(1));
        var before = await Store.ListMailAsync(null, 10);

        (await Store.RetryMailAsync(pending.Id, T0.AddMinutes(1))).ShouldBeFalse();
        (await Store.RetryMailAsync(sent.Id, T0.AddMinutes(1))).ShouldBeFalse();
        (await Store.RetryMailAsync(Guid.CreateVersion7(), T0.AddMinutes(1))).ShouldBeFalse();

        (await Store.ListMailAsync(null, 10)).ShouldBe(before);
    }

    [Fact]
    public async Task mail_is_listed_newest_first_in_the_state_asked_for()
    {
        var first = Mail("a@example.org", T0);
        var second = Mail("b@example.org", T0.AddMinutes(1));
        var third = Mail("c@example.org", T0.AddMinutes(2));
        await AddNotificationsAsync([], second, first, third);
        await Store.MarkMailSentAsync(second.Id, T0.AddMinutes(3));
        await Store.MarkMailAttemptFailedAsync(first.Id, "550", null);

        (await Store.ListMailAsync(null, 10)).Select(m => (m.Mail.Id, m.State)).ShouldBe(
            [(third.Id, MailState.Pending), (second.Id, MailState.Sent), (first.Id, MailState.Failed)]);
        (await Store.ListMailAsync(null, 2)).Select(m => m.Mail.Id).ShouldBe([third.Id, second.Id]);
        (await Store.ListMailAsync(MailState.Pending, 10)).Select(m => m.Mail.Id).ShouldBe([third.Id]);
        (await Store.ListMailAsync(MailState.Sent, 10)).Select(m => m.Mail.Id).ShouldBe([second.Id]);
        (await Store.ListMailAsync(MailState.Failed, 10)).Select(m => m.Mail.Id).ShouldBe([first.Id]);
    }
}
