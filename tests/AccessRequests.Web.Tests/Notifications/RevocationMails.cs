using AccessRequests.Testing;
using static AccessRequests.Web.Tests.Notifications.DemoAddresses;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>Revoking one grant tells its holder only; revoking the application tells everyone applying; each once.</summary>
public sealed class RevocationMails(MailingSqliteServiceFixture fixture) : IClassFixture<MailingSqliteServiceFixture>
{
    [Fact]
    public async Task a_revoked_grant_tells_its_holder_and_a_revoked_application_everyone_applying_with_the_reason()
    {
        var title = "Ending " + Guid.NewGuid().ToString("N")[..12];
        bool Ours(ReceivedMail m) => (m.Subject ?? "").Contains(title, StringComparison.Ordinal);
        var service = fixture.Service;
        var id = await Approvals.ApprovedAsync(service, title, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(200)), withCoApplicant: true);
        await fixture.Mail.WaitForAsync(m => Ours(m) && (m.Subject ?? "").Contains("approved"), 2, Wait, "the decision to both applicants");

        var chair = await service.ClientFor("dac-chair");
        var coGrant = (await (await service.ClientFor("steward")).Get("/api/grants?userId=co-applicant")).EnumerateArray()
            .Single(g => g.GetProperty("applicationId").GetGuid() == id).GetProperty("grantId").GetGuid();
        await chair.Command(id, "revoke", new { grantId = coGrant, reason = "Left the project." }).Ok();
        var revoked = (await fixture.Mail.WaitForAsync(m => Ours(m) && (m.Subject ?? "").Contains("Access revoked"), 1, Wait, "the revoked grant")).Single();
        revoked.EnvelopeTo.ShouldBe(CoApplicant);
        revoked.Text!.ShouldContain("Reason: Left the project.");

        await (await service.ClientFor("steward")).Command(id, "revoke", new { reason = "The ethics approval was withdrawn." }).Ok();
        var ended = await fixture.Mail.WaitForAsync(m => Ours(m) && (m.Subject ?? "").Contains("Application revoked"), 2, Wait, "the revoked application");
        ended.Select(m => m.EnvelopeTo).Order().ShouldBe([CoApplicant, Researcher]);
        ended.ShouldAllBe(m => m.Text!.Contains("Reason: The ethics approval was withdrawn."));

        await Task.Delay(TimeSpan.FromSeconds(1));
        fixture.Mail.Matching(m => Ours(m) && (m.Subject ?? "").Contains("revoked", StringComparison.OrdinalIgnoreCase)).Count
            .ShouldBe(3, "the chair and the steward are not told of their own acts, and nobody twice");
    }
}
