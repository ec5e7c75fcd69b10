using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AccessRequests.Testing;
using static AccessRequests.Web.Tests.Notifications.DemoAddresses;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>
/// An application through its whole journey, on either database, the service mailing a real mail server on loopback:
/// exactly the expected e-mails arrive, each once, in each reader's language, with links that open the page where the
/// reader acts; a restart half-way sends nothing again.
/// </summary>
public abstract partial class NotificationJourney(ServiceFixture fixture, TestMailServer mail)
{


    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task the_whole_journey_mails_each_person_once_in_their_language_and_a_restart_sends_nothing_twice()
    {
        var title = "Journey " + Guid.NewGuid().ToString("N")[..12];
        bool Ours(ReceivedMail m) => (m.Subject ?? "").Contains(title, StringComparison.Ordinal);
        var invitee = "guest@" + TestMailServer.NewDomain();

        var researcher = await Service.ClientFor("researcher");
        await researcher.PutJson("/api/notifications/preferences", new { language = "da", frequency = "immediate" }).Ok();

        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft(title)).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        await researcher.Command(id, "invite-member", new { email = invitee, name = "Gæst Olsen" }).Ok();
        await researcher.Command(id, "invite-member", new { email = CoApplicant, name = "Carl Nielsen" }).Ok();

        // Invitations go to the address given, in the inviter's language, with a link that lets the invitee join.
        var invitation = (await mail.WaitForAsync(m => Ours(m) && m.EnvelopeTo == invitee, 1, Wait, "the invitation")).Single();
        invitation.ContentLanguage.ShouldBe("da");
        invitation.Subject.ShouldBe($"[AccessRequests] Rikke Jensen inviterer dig til en ansøgning: {title}");
        invitation.Text!.ShouldContain("Kære Gæst Olsen");
        var toCarl = (await mail.WaitForAsync(m => Ours(m) && m.EnvelopeTo == CoApplicant, 1, Wait, "Carl's invitation")).Single();
        var coApplicant = await Service.ClientFor("co-applicant");
        var link = LinkIn(toCarl);
        link.ShouldStartWith($"http://localhost/invitations/{id}?token=");
        (await coApplicant.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        await coApplicant.Command(id, "accept-invitation", new { token }).Ok();
        await coApplicant.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();

        var steward = await Service.ClientFor("steward");
        await mail.WaitForAsync(m => Ours(m) && m.EnvelopeTo == Steward, 1, Wait, "the stewards' notice of the submission");
        await steward.Command(id, "request-information", new { message = "Please attach the protocol." }).Ok();
        await mail.WaitForAsync(m => Ours(m) && m.EnvelopeTo is Researcher or CoApplicant, 3, Wait, "the information request to both applicants");

        // Half-way: whatever was sent before must not be sent again by the new process.
        await fixture.RestartAsync();
        researcher = await Service.ClientFor("researcher");
        steward = await Service.ClientFor("steward");

        await researcher.Command(id, "respond", new { message = "The protocol is attached." }).Ok();
        await steward.Command(id, "comment", new { text = "Internal: the PI is known to us.", visibility = "internal" }).Ok();
        await steward.Command(id, "verify-ethics", new { comment = "Checked." }).Ok();
        var member1 = await Service.ClientFor("dac-member-1");
        var member2 = await Service.ClientFor("dac-member-2");
        var chair = await Service.ClientFor("dac-chair");
        await mail.WaitForAsync(m => Ours(m) && m.EnvelopeTo is Member1 or Member2 or Chair, 3, Wait, "the DAC's review notices");
        await member1.Command(id, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Secret vote reason one." }).Ok();
        await member2.Command(id, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Secret vote reason two." }).Ok();
        await mail.WaitForAsync(m => Ours(m) && m.EnvelopeTo == Chair && (m.Subject ?? "").Contains("All votes are in"), 1, Wait, "the chair's votes-in notice");
        await chair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300)) }).Ok();
        await mail.WaitForAsync(m => Ours(m) && (m.Subject ?? "").Contains("approved") || Ours(m) && (m.Subject ?? "").Contains("godkendt"), 2, Wait, "the decision to both applicants");

        // Let anything sent twice arrive, then count.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = mail.Matching(Ours);
        var expected = new[]
        {
            (invitee, $"Rikke Jensen inviterer dig til en ansøgning: {title}"),
            (CoApplicant, $"Rikke Jensen inviterer dig til en ansøgning: {title}"),
            (Steward, $"New application to check: {title}"),
            (Researcher, $"Der er bedt om oplysninger: {title}"),
            (CoApplicant, $"Information requested: {title}"),
            (Steward, $"The applicant answered: {title}"),
            (Member1, $"Your review is open: {title}"),
            (Member2, $"Your review is open: {title}"),
            (Chair, $"Your review is open: {title}"),
            (Chair, $"All votes are in: {title}"),
            (Researcher, $"Din ansøgning er godkendt: {title}"),
            (CoApplicant, $"Your application is approved: {title}"),
        };
        received.Select(m => (m.EnvelopeTo ?? "", m.Subject ?? "")).OrderBy(m => m.Item1).ThenBy(m => m.Item2)
            .ShouldBe(expected.Select(e => (e.Item1, "[AccessRequests] " + e.Item2)).OrderBy(m => m.Item1).ThenBy(m => m.Item2),
                "each notice once, to the right people only; nobody about their own act");

        foreach (var m in received.Where(m => m.EnvelopeTo is Researcher or CoApplicant || m.EnvelopeTo == invitee))
        {
            (m.Text + m.Html).ShouldNotContain("Secret vote reason", customMessage: "votes never reach applicants");
            (m.Text + m.Html).ShouldNotContain("Internal:", customMessage: "internal comments never reach applicants");
        }
        var approved = received.Single(m => m.EnvelopeTo == Researcher && (m.Subject ?? "").Contains("godkendt"));
        approved.ContentLanguage.ShouldBe("da");
        approved.Text!.ShouldContain(Api.Wgs);
        approved.Html!.ShouldContain($"href=\"http://localhost/applications/{id}\"");
        var review = received.Single(m => m.EnvelopeTo == Chair && (m.Subject ?? "").Contains("All votes are in"));
        review.Text!.ShouldContain("2 to approve, 0 to refuse, 0 abstaining");

        // Every link opens the page for the person it was sent to.
        var clients = new Dictionary<string, HttpClient>
        {
            [Researcher] = researcher, [CoApplicant] = await Service.ClientFor("co-applicant"), [Steward] = steward,
            [Member1] = member1, [Member2] = member2, [Chair] = chair,
        };
        foreach (var m in received.Where(m => clients.ContainsKey(m.EnvelopeTo ?? "")))
        {
            var answer = await clients[m.EnvelopeTo!].GetAsync(LinkIn(m));
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, $"{m.Subject} to {m.EnvelopeTo}: {LinkIn(m)}");
        }

        // The same notices are in each person's list in the service.
        var list = await (await Service.ClientFor("dac-chair")).Get("/api/notifications");
        list.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("applicationId").GetString() == id.ToString()).ShouldBe(2);
    }

    private static string LinkIn(ReceivedMail mail) => LinkPattern().Match(mail.Text ?? "") is { Success: true } found
        ? found.Value
        : throw new ShouldAssertException($"No link in the mail '{mail.Subject}':\n{mail.Text}");

    [GeneratedRegex(@"http://localhost/[^\s]+")]
    private static partial Regex LinkPattern();
}

public sealed class NotificationJourneyOnSqlite(MailingSqliteServiceFixture fixture)
    : NotificationJourney(fixture, fixture.Mail), IClassFixture<MailingSqliteServiceFixture>;

public sealed class NotificationJourneyOnPostgres(MailingPostgresServiceFixture fixture)
    : NotificationJourney(fixture, fixture.Mail), IClassFixture<MailingPostgresServiceFixture>;

public static class JsonCalls
{
    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string path, object body) => client.PutAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);
}
