using System.Net;
using System.Text.Json;
using AccessRequests.Testing;
using static AccessRequests.Web.Tests.Notifications.DemoAddresses;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>
/// A mail server that is away never holds up a command: its e-mails wait in the outbox, are tried again with growing
/// waits, are shown to admins when given up, and go out once when an admin sends them again.
/// </summary>
public sealed class MailServerAway(MailingSqliteServiceFixture fixture) : IClassFixture<MailingSqliteServiceFixture>
{

    [Fact]
    public async Task commands_go_on_failed_mails_are_shown_to_admins_and_sent_once_when_put_back()
    {
        fixture.Overrides["AccessRequests:Notifications:Smtp:Port"] = TestIdentityProvider.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        fixture.Overrides["AccessRequests:Notifications:MaxAttempts"] = "3";
        await fixture.RestartAsync();
        var title = "Away " + Guid.NewGuid().ToString("N")[..12];
        var researcher = await fixture.Service.ClientFor("researcher");
        await researcher.SubmittedApplication(Api.CompleteDraft(title));
        (await researcher.Get("/api/notifications/preferences")).GetProperty("frequency").GetString().ShouldBe("immediate");

        var admin = await fixture.Service.ClientFor("admin");
        var failed = await EventuallyFailed(admin, title);
        failed.GetProperty("attempts").GetInt32().ShouldBe(3);
        failed.GetProperty("to").GetString().ShouldBe(Steward);
        failed.GetProperty("lastError").GetString().ShouldNotBeNullOrWhiteSpace();
        fixture.Mail.Matching(m => (m.Subject ?? "").Contains(title)).ShouldBeEmpty();

        fixture.Overrides.Remove("AccessRequests:Notifications:Smtp:Port");
        await fixture.RestartAsync();
        admin = await fixture.Service.ClientFor("admin");
        (await admin.PostAsync($"/api/notifications/mail/{failed.GetProperty("id").GetGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await fixture.Mail.WaitForAsync(m => (m.Subject ?? "").Contains(title), 1, TimeSpan.FromSeconds(30), "the mail put back");
        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Mail.Matching(m => (m.Subject ?? "").Contains(title)).Count.ShouldBe(1);
        (await admin.Get("/api/notifications/mail?state=sent")).EnumerateArray()
            .Single(m => m.GetProperty("subject").GetString()!.Contains(title)).GetProperty("sentAt").ValueKind.ShouldBe(JsonValueKind.String);
        await admin.PostAsync($"/api/notifications/mail/{failed.GetProperty("id").GetGuid()}/retry", null).Problem(HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> EventuallyFailed(HttpClient admin, string title)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var failed = (await admin.Get("/api/notifications/mail?state=failed")).EnumerateArray()
                .FirstOrDefault(m => m.GetProperty("subject").GetString()!.Contains(title));
            if (failed.ValueKind == JsonValueKind.Object)
            {
                return failed;
            }
            DateTime.UtcNow.ShouldBeLessThan(until, $"the mail about {title} was not given up");
            await Task.Delay(200);
        }
    }
}
