using static AccessRequests.Web.Tests.Notifications.DemoAddresses;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>
/// Notices that wait for a time, on a clock the test moves: the daily digest, and the deadline reminders. One class (and
/// clock) each, with every client signed in before the clock moves (a token dated in the future is not valid yet).
/// </summary>
public sealed class DailyDigests(MailingClockServiceFixture fixture) : IClassFixture<MailingClockServiceFixture>
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task a_reader_who_chose_the_daily_digest_gets_one_mail_at_the_digest_hour_and_nothing_before()
    {
        var title = "Digest " + Guid.NewGuid().ToString("N")[..12];
        var researcher = await Service.ClientFor("researcher");
        await researcher.PutJson("/api/notifications/preferences", new { language = "en", frequency = "daily" }).Ok();
        var id = await researcher.SubmittedApplication(Api.CompleteDraft(title));
        var steward = await Service.ClientFor("steward");
        await steward.Command(id, "request-information", new { message = "Which cohort?" }).Ok();
        await steward.Command(id, "comment", new { text = "Please also say which years.", visibility = "public" }).Ok();
        await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Steward && (m.Subject ?? "").Contains(title), 1, Wait, "the steward's immediate notice");

        // In the list at once, by e-mail only at the digest hour.
        var list = await researcher.Get("/api/notifications");
        list.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("subject").GetString() == $"Information requested: {title}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Mail.Matching(m => m.EnvelopeTo == Researcher && (m.Text ?? "").Contains(title)).ShouldBeEmpty();

        fixture.Time.Advance(TimeSpan.FromDays(1));
        var digest = (await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Researcher && (m.Text ?? "").Contains(title), 1, Wait, "the digest")).Single();
        digest.Subject.ShouldStartWith("[AccessRequests] Your daily AccessRequests summary");
        digest.Text!.ShouldContain($"Information requested: {title}");
        digest.Text!.ShouldContain("Which cohort?");
        digest.Text!.ShouldContain($"http://localhost/applications/{id}");

        fixture.Time.Advance(TimeSpan.FromDays(1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Mail.Matching(m => m.EnvelopeTo == Researcher && (m.Text ?? "").Contains(title)).Count.ShouldBe(1, "a digest tells each notice once");
        await researcher.PutJson("/api/notifications/preferences", new { language = "en", frequency = "immediate" }).Ok();
    }
}

public sealed class DeadlineReminderMails(MailingClockServiceFixture fixture) : IClassFixture<MailingClockServiceFixture>
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task whoever_must_act_is_reminded_before_the_deadline_and_the_stewards_told_when_it_passed()
    {
        var title = "Deadline " + Guid.NewGuid().ToString("N")[..12];
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication(Api.CompleteDraft(title));
        await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Steward && (m.Subject ?? "").Contains("New application to check: " + title), 1, Wait, "the submission notice");

        fixture.Time.Advance(TimeSpan.FromDays(80));
        var reminder = (await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Steward && (m.Subject ?? "").Contains("Reminder") && (m.Subject ?? "").Contains(title), 1, Wait, "the reminder")).Single();
        reminder.Text!.ShouldContain($"http://localhost/review/{id}");
        fixture.Time.Advance(TimeSpan.FromDays(11));
        await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Steward && (m.Subject ?? "").Contains("Deadline passed: " + title), 1, Wait, "the passed deadline");
        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Mail.Matching(m => (m.Subject ?? "").Contains(title)).Select(m => m.EnvelopeTo).ShouldAllBe(to => to == Steward, "the researcher acts on nothing here");
        fixture.Mail.Matching(m => (m.Subject ?? "").Contains(title)).Count.ShouldBe(3);
    }
}

public sealed class ExpiryWarningMails(MailingClockServiceFixture fixture) : IClassFixture<MailingClockServiceFixture>
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task the_grant_holder_is_warned_30_and_7_days_before_the_access_ends_once_each()
    {
        var title = "Expiry " + Guid.NewGuid().ToString("N")[..12];
        var ends = DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime.AddDays(40));
        var id = await Approvals.ApprovedAsync(Service, title, ends);
        await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Researcher && (m.Subject ?? "").Contains("approved: " + title), 1, Wait, "the decision");

        fixture.Time.Advance(TimeSpan.FromDays(11));
        bool Warning(AccessRequests.Testing.ReceivedMail m) => (m.Subject ?? "").Contains("Your access ends on") && (m.Subject ?? "").Contains(title);
        var first = (await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Researcher && Warning(m), 1, Wait, "the 30-day warning")).Single();
        first.Text!.ShouldContain(Api.Wgs);
        first.Text!.ShouldContain($"http://localhost/applications/{id}");
        fixture.Time.Advance(TimeSpan.FromDays(23));
        await fixture.Mail.WaitForAsync(m => m.EnvelopeTo == Researcher && Warning(m), 2, Wait, "the 7-day warning");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var last = ends.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        fixture.Mail.Matching(Warning).Select(m => m.Subject).ShouldBe([$"[AccessRequests] Your access ends on {last}: {title}", $"[AccessRequests] Your access ends on {last}: {title}"],
            "one warning 30 days before and one 7 days before, to the grant's holder only");
    }
}
