using System.Net;
using System.Text.RegularExpressions;
using AccessRequests.EventStore;
using AccessRequests.Testing;
using AccessRequests.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// Notifications in the pages: the header's unread count, the list and marking it read, each person's e-mail language
/// and frequency, and the admin's outbox with the mails that could not be sent. The notices come from commands run
/// through the API; the consumer and the outbox are run by the test (<see cref="SettleAsync"/>), not on their timer,
/// so what a page shows is known when it is read. Mail goes to an SMTP port nobody listens on and is given up after
/// one try, so every mail the service sends here ends up "not sent".
/// </summary>
public abstract partial class NotificationPages(ServiceFixture fixture)
{
    private ServiceFactory Service => fixture.Service;

    /// <summary>The settings of this class's service: the outbox and consumer idle, mail to a closed port, one try.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["AccessRequests:Notifications:PollSeconds"] = "3600",
        ["AccessRequests:Notifications:Delivery"] = "smtp",
        ["AccessRequests:Notifications:Smtp:Host"] = "127.0.0.1",
        ["AccessRequests:Notifications:Smtp:Port"] = TestIdentityProvider.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AccessRequests:Notifications:Smtp:TimeoutSeconds"] = "5",
        ["AccessRequests:Notifications:MaxAttempts"] = "1",
    };

    /// <summary>
    /// Turns the events recorded so far into notices and mails (until the steward has been told of each of
    /// <paramref name="submitted"/>: on PostgreSQL a commit can stay unreadable for a moment while an older transaction
    /// is open), then tries every mail due.
    /// </summary>
    private async Task SettleAsync(params Guid[] submitted)
    {
        var consumer = Service.Services.GetRequiredService<NotificationConsumer>();
        var store = Service.Services.GetRequiredService<INotificationStore>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            while (await consumer.ProcessAsync(CancellationToken.None) > 0)
            {
            }
            var told = (await store.ListNotificationsAsync("steward", 1000)).Select(r => r.ApplicationId).ToHashSet();
            if (submitted.All(id => told.Contains(id)))
            {
                break;
            }
            DateTime.UtcNow.ShouldBeLessThan(until, "the consumer did not reach the submissions within 20 seconds");
            await Task.Delay(100);
        }
        var outbox = Service.Services.GetRequiredService<MailOutbox>();
        while (await outbox.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<HttpClient> Known(string user)
    {
        var client = await Service.ClientFor(user);
        await client.Get("/api/notifications");
        return client;
    }

    /// <summary>The number in the header's unread badge; null when there is no badge.</summary>
    private static int? Badge(string html) =>
        UnreadCount().Match(html) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [Fact]
    public async Task the_header_counts_the_unread_notices_and_marking_them_read_one_and_then_all_brings_it_to_nothing()
    {
        var steward = await Known("steward");
        var researcher = await Service.ClientFor("researcher");
        var first = await researcher.SubmittedApplication();
        var second = await researcher.SubmittedApplication();
        await SettleAsync(first, second);

        var list = await steward.Get("/api/notifications");
        var unread = list.GetProperty("unread").GetInt32();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        var notices = items.Where(i => i.GetProperty("applicationId").GetString() is { } a && (a == first.ToString() || a == second.ToString())).ToList();
        notices.Count.ShouldBe(2, "one notice to the steward for each submission");
        unread.ShouldBeGreaterThanOrEqualTo(2);

        var (status, home) = await steward.Page("/");
        status.ShouldBe(HttpStatusCode.OK);
        Badge(home).ShouldBe(unread);
        home.ShouldContain($"({unread} unread)");
        UiForms.Text((await steward.Page("/", "da")).Html).ShouldContain($"({unread} ulæste)");

        var (_, page) = await steward.Page("/notifications");
        UiForms.Heading(page).ShouldBe("Notifications");
        var newest = notices[0].GetProperty("id").GetString()!;
        var shown = Regex.Matches(page, "<li class=\"notification[^\"]*\" id=\"n-([0-9a-f-]+)\"").Select(m => m.Groups[1].Value).ToList();
        shown.ShouldBe([.. items.Select(i => i.GetProperty("id").GetString()!)], "newest first, as the API lists them");
        page.ShouldContain($"<li class=\"notification unread\" id=\"n-{newest}\"");
        page.ShouldContain($"href=\"/review/{second}\"");
        page.ShouldContain(notices[0].GetProperty("subject").GetString()!);

        var (one, afterOne) = await steward.Submit("/notifications", "read", ("id", newest));
        one.ShouldBe(HttpStatusCode.OK, afterOne);
        afterOne.ShouldContain("Your notifications are marked as read.");
        afterOne.ShouldContain($"<li class=\"notification\" id=\"n-{newest}\"");
        Badge(afterOne).ShouldBe(unread - 1);

        var (all, afterAll) = await steward.Submit("/notifications", "read", ("id", "all"));
        all.ShouldBe(HttpStatusCode.OK, afterAll);
        Badge(afterAll).ShouldBeNull("no badge when nothing is unread");
        afterAll.ShouldNotContain("class=\"notification unread\"");
        (await steward.Get("/api/notifications")).GetProperty("unread").GetInt32().ShouldBe(0);
        Badge((await researcher.Page("/")).Html).ShouldBeNull("the researcher acted, and is told nothing of it");
    }

    [Fact]
    public async Task the_preferences_are_saved_from_the_form_and_a_choice_that_is_not_one_is_refused_beside_its_field()
    {
        var person = await Known("co-applicant");
        var (_, page) = await person.Page("/notifications");
        page.ShouldContain("name=\"language\" value=\"en\" checked");
        page.ShouldContain("name=\"frequency\" value=\"immediate\" checked");

        var (status, saved) = await person.Submit("/notifications", "preferences", ("language", "da"), ("frequency", "daily"));
        status.ShouldBe(HttpStatusCode.OK, saved);
        saved.ShouldContain("Your choices are saved.");
        saved.ShouldContain("name=\"language\" value=\"da\" checked");
        saved.ShouldContain("name=\"frequency\" value=\"daily\" checked");
        var preferences = await person.Get("/api/notifications/preferences");
        (preferences.GetProperty("language").GetString(), preferences.GetProperty("frequency").GetString()).ShouldBe(("da", "daily"));

        var (refused, html) = await person.Submit("/notifications", "preferences", ("language", "da"), ("frequency", "weekly"));
        refused.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("There is a problem");
        html.ShouldContain("<a href=\"#f-frequency\">The frequency is immediate or daily.</a>");
        html.ShouldContain("<p class=\"field-error\" id=\"f-frequency-error\"><span>The frequency is immediate or daily.</span>");
        html.ShouldNotContain("id=\"f-language-error\"");
        var (_, danish) = await person.Submit("/notifications", "preferences", [("language", "klingon"), ("frequency", "daily")], "da");
        UiForms.Text(danish).ShouldContain("Sproget skal være et af: en, da.");
        (await person.Get("/api/notifications/preferences")).GetProperty("frequency").GetString().ShouldBe("daily", "a refused form changes nothing");
    }

    [Fact]
    public async Task an_admin_sees_a_mail_that_was_not_sent_and_sending_it_again_puts_it_back_in_the_outbox()
    {
        await Known("steward");
        await SettleAsync(await (await Service.ClientFor("researcher")).SubmittedApplication());
        var admin = await Service.ClientFor("admin");
        var failed = await admin.Get("/api/notifications/mail?state=failed");
        var mail = failed.EnumerateArray().First(m => m.GetProperty("to").GetString() == AccessRequests.Web.Auth.DemoUser.Find("steward")!.Email);
        var id = mail.GetProperty("id").GetString()!;
        mail.GetProperty("attempts").GetInt32().ShouldBe(1);
        mail.GetProperty("lastError").GetString().ShouldNotBeNullOrWhiteSpace();

        var (status, page) = await admin.Page("/admin/mail?state=failed");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(page).ShouldBe("E-mail");
        var row = Row(page, id);
        row.ShouldContain($"name=\"mail\" value=\"{id}\"");
        row = UiForms.Text(row);
        row.ShouldContain("Not sent");
        row.ShouldContain(mail.GetProperty("subject").GetString()!);
        row.ShouldContain(mail.GetProperty("lastError").GetString()!);
        (await admin.Page("/admin")).Html.ShouldContain("href=\"/admin/mail\"");

        var (sent, after) = await admin.Submit("/admin/mail?state=failed", "retry", ("mail", id));
        sent.ShouldBe(HttpStatusCode.OK, after);
        after.ShouldContain("The e-mail is back in the outbox and will be sent shortly.");
        var pending = Row(after, id);
        pending.ShouldContain("Pending");
        pending.ShouldNotContain("name=\"mail\"");
        var again = (await admin.Get("/api/notifications/mail?state=pending")).EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        again.GetProperty("attempts").GetInt32().ShouldBe(0);

        await SettleAsync();
        var retried = (await admin.Get("/api/notifications/mail?state=failed")).EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        retried.GetProperty("attempts").GetInt32().ShouldBe(1, "the outbox tried it once more (and the port is still closed)");
    }

    [Fact]
    public async Task sending_again_a_mail_that_is_not_failed_is_refused_and_changes_nothing()
    {
        await Known("steward");
        var researcher = await Service.ClientFor("researcher");
        // Two mails not sent: after the one is put back, the page still has the other's form to post to.
        await SettleAsync(await researcher.SubmittedApplication(), await researcher.SubmittedApplication());
        var admin = await Service.ClientFor("admin");
        var id = (await admin.Get("/api/notifications/mail?state=failed"))[0].GetProperty("id").GetString()!;
        (await admin.Submit("/admin/mail?state=failed", "retry", ("mail", id))).Status.ShouldBe(HttpStatusCode.OK);

        var (status, html) = await admin.Submit("/admin/mail?state=failed", "retry", ("mail", id));
        status.ShouldBe(HttpStatusCode.Conflict, html);
        UiForms.Text(html).ShouldContain("There is no such e-mail that was not sent: it may have been sent again already.");
        (await admin.Get("/api/notifications/mail?state=pending")).EnumerateArray().Count(m => m.GetProperty("id").GetString() == id).ShouldBe(1);
    }

    /// <summary>The table row of the mail <paramref name="id"/>.</summary>
    private static string Row(string html, string id)
    {
        var start = html.IndexOf($"<tr id=\"mail-{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"the page lists the mail {id}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<span class=\"unread-count\"><span aria-hidden=\"true\">(\\d+)</span>")]
    private static partial Regex UnreadCount();
}

public sealed class MailFailingSqliteFixture : SqliteServiceFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => NotificationPages.Settings;
}

public sealed class MailFailingPostgresFixture : PostgresServiceFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => NotificationPages.Settings;
}

public sealed class NotificationPagesOnSqlite(MailFailingSqliteFixture fixture) : NotificationPages(fixture), IClassFixture<MailFailingSqliteFixture>;

public sealed class NotificationPagesOnPostgres(MailFailingPostgresFixture fixture) : NotificationPages(fixture), IClassFixture<MailFailingPostgresFixture>;
