using System.Globalization;
using System.Net;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>"My grants": the signed-in person's access, what ends soon, and asking for a renewal through the page.</summary>
public abstract class GrantsPage(ServiceFixture fixture)
{
    private ServiceFactory Service => fixture.Service;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The NGC path to approval through the API (as <see cref="GrantsAndVisas"/> takes it), optionally with a co-applicant.</summary>
    private async Task<Guid> Approved(DateOnly validUntil, bool coApplicant = false, params string[] conditions)
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft("Grants page " + Guid.NewGuid().ToString("N")[..8])).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        if (coApplicant)
        {
            var co = await Service.ClientFor("co-applicant");
            var token = (await researcher.Command(id, "invite-member", new { email = "carl.nielsen@au.dk", name = "Carl" }).Ok()).GetProperty("invitationToken").GetString();
            await co.Command(id, "accept-invitation", new { token }).Ok();
            await co.Command(id, "accept-terms").Ok();
        }
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        await steward.Command(id, "verify-ethics").Ok();
        foreach (var member in new[] { "dac-member-1", "dac-member-2" })
        {
            await (await Service.ClientFor(member)).Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }
        await (await Service.ClientFor("dac-chair")).Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil, conditions }).Ok();
        (await researcher.Status(id)).ShouldBe("approved");
        return id;
    }

    /// <summary>The part of the page about one application.</summary>
    private static string Section(string html, Guid applicationId) =>
        html.Split("<section").Single(s => s.Contains($"aria-labelledby=\"app-{applicationId}\""));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> Version(Guid id) => (await (await Service.ClientFor("researcher")).Get($"/api/applications/{id}")).GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_grants_show_dataset_place_dates_status_and_conditions_and_what_ends_soon_in_english_and_danish()
    {
        var soon = Today.AddDays(10);
        var ending = await Approved(soon, conditions: "Acknowledge the NGC in every publication.");
        var lasting = await Approved(Today.AddDays(200));
        var researcher = await Service.ClientFor("researcher");

        var (status, html) = await researcher.Page("/grants");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("My grants");
        html.ShouldContain("Ending soon:");

        var first = UiForms.Text(Section(html, ending));
        first.ShouldContain($"href=\"/applications/{ending}\"");
        first.ShouldContain($"href=\"/datasets/{Api.Wgs}\">National Genome Database: whole-genome sequences</a>");
        first.ShouldContain("<td>ngc-hpc</td>");
        first.ShouldContain(soon.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en")));
        first.ShouldContain("status-active\">Active</span>");
        first.ShouldContain("<tr class=\"expiring\">");
        first.ShouldContain("Ends within 30 days: the last day is in 10 days");
        first.ShouldContain("<li>Acknowledge the NGC in every publication.</li>");
        first.ShouldContain($"name=\"_handler\" value=\"renew-{ending}\"");

        var second = UiForms.Text(Section(html, lasting));
        second.ShouldNotContain("expiring");
        second.ShouldNotContain("Ends within");
        second.ShouldContain("None");
        html.IndexOf($"app-{ending}", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf($"app-{lasting}", StringComparison.Ordinal), "the grant ending soonest comes first");

        var (_, danish) = await researcher.Page("/grants", "da");
        UiForms.Heading(danish).ShouldBe("Mine adgange");
        var dansk = UiForms.Text(Section(danish, ending));
        dansk.ShouldContain("Gyldig til og med");
        dansk.ShouldContain("Udløber inden for 30 dage: sidste dag er om 10 dage");
        dansk.ShouldContain("status-active\">Aktiv</span>");
        dansk.ShouldContain("Anmod om forlængelse");
    }

    [Fact]
    public async Task someone_without_grants_is_told_so_and_anonymous_readers_sign_in_first()
    {
        var (_, html) = await (await Service.ClientFor("other-researcher")).Page("/grants");
        html.ShouldContain("You have no grants yet.");

        var anonymous = await Service.NotFollowingRedirects(null);
        var answer = await anonymous.GetAsync("/grants");
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldContain("/signin?ReturnUrl=%2Fgrants");
    }

    [Fact]
    public async Task asking_for_a_renewal_runs_the_renew_command_and_says_what_happens_next()
    {
        var id = await Approved(Today.AddDays(10));
        var researcher = await Service.ClientFor("researcher");

        var browser = await Service.NotFollowingRedirects("researcher");

        var answer = await browser.Post("/grants", $"renew-{id}",
            ("version", await Version(id)), ("until", Iso(Today.AddDays(300))), ("justification", "The cohort analysis needs another season."));

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        UiForms.Target(answer).ShouldBe("/grants?done=renewal-requested");
        var (status, html) = await browser.Page(UiForms.Target(answer));
        status.ShouldBe(HttpStatusCode.OK, html);
        UiForms.Heading(html).ShouldBe("My grants");
        html.ShouldContain("Your renewal request was sent.");
        var section = Section(html, id);
        section.ShouldContain("A renewal you asked for is being reviewed by the committee.");
        section.ShouldNotContain($"value=\"renew-{id}\"");
        (await researcher.EventTypes(id)).ShouldContain("renewal-requested");
        (await researcher.Status(id)).ShouldBe("submitted");
    }

    [Fact]
    public async Task missing_fields_are_shown_by_the_fields_and_nothing_changes()
    {
        var id = await Approved(Today.AddDays(100));
        var researcher = await Service.ClientFor("researcher");
        var version = await Version(id);

        var (status, html) = await researcher.Submit("/grants", $"renew-{id}", ("version", version), ("until", ""), ("justification", " "));

        status.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("Some fields need your attention.");
        html.ShouldContain("<a href=\"#f-until\">Give the last day you need access.</a>");
        html.ShouldContain("<a href=\"#f-justification\">Say why you need access for longer.</a>");
        html.ShouldContain("id=\"f-until-error\"");
        html.ShouldContain("id=\"f-justification-error\"");
        html.ShouldContain("id=\"f-until\" name=\"until\"");
        html.ShouldMatch("id=\"f-justification\"[^>]*aria-invalid=\"true\"");

        var (badStatus, bad) = await researcher.Submit("/grants", $"renew-{id}", ("version", version), ("until", "31/12/2030"), ("justification", "Longer analysis."));
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        bad.ShouldContain("Give the date as year-month-day, for example");
        bad.ShouldContain("value=\"31/12/2030\"", customMessage: "what the reader typed is kept");
        bad.ShouldContain("Longer analysis.</textarea>");

        var (_, danish) = await researcher.Submit("/grants", $"renew-{id}", [("version", version), ("until", ""), ("justification", "")], "da");
        UiForms.Text(danish).ShouldContain("Nogle felter skal rettes.");
        UiForms.Text(danish).ShouldContain("Angiv den sidste dag, du har brug for adgang.");
        UiForms.Text(danish).ShouldContain("Fortæl, hvorfor du har brug for adgang i længere tid.");

        (await researcher.EventTypes(id)).ShouldNotContain("renewal-requested");
        (await researcher.Status(id)).ShouldBe("approved");
    }

    [Fact]
    public async Task a_date_in_the_past_and_a_stale_page_are_refused_with_the_reason()
    {
        var id = await Approved(Today.AddDays(100));
        var researcher = await Service.ClientFor("researcher");
        var version = await Version(id);

        var (status, html) = await researcher.Submit("/grants", $"renew-{id}", ("version", version), ("until", Iso(Today.AddDays(-1))), ("justification", "Longer."));
        status.ShouldBe(HttpStatusCode.Conflict);
        html.ShouldContain("Ask for a date in the future.");
        var (_, danish) = await researcher.Submit("/grants", $"renew-{id}", [("version", version), ("until", Iso(Today.AddDays(-1))), ("justification", "Længere.")], "da");
        UiForms.Text(danish).ShouldContain("Angiv en dato i fremtiden.");

        var (staleStatus, stale) = await researcher.Submit("/grants", $"renew-{id}", ("version", "1"), ("until", Iso(Today.AddDays(300))), ("justification", "Longer."));
        staleStatus.ShouldBe(HttpStatusCode.PreconditionFailed);
        stale.ShouldContain("Someone changed the application while you had it open.");

        (await researcher.EventTypes(id)).ShouldNotContain("renewal-requested");
        (await researcher.Status(id)).ShouldBe("approved");
    }

    [Fact]
    public async Task a_co_applicant_sees_their_grant_but_only_the_applicant_may_renew()
    {
        var id = await Approved(Today.AddDays(100), coApplicant: true);
        var co = await Service.ClientFor("co-applicant");

        var (_, page) = await co.Page("/grants");
        Section(page, id).ShouldContain("status-active\">Active</span>");

        var (status, html) = await co.Submit("/grants", $"renew-{id}", ("version", await Version(id)), ("until", Iso(Today.AddDays(300))), ("justification", "Longer."));
        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("Only the applicant may renew.");
        var (_, danish) = await co.Submit("/grants", $"renew-{id}", [("version", await Version(id)), ("until", Iso(Today.AddDays(300))), ("justification", "Længere.")], "da");
        UiForms.Text(danish).ShouldContain("Kun ansøgeren kan anmode om forlængelse.");

        var researcher = await Service.ClientFor("researcher");
        (await researcher.EventTypes(id)).ShouldNotContain("renewal-requested");
        (await researcher.Status(id)).ShouldBe("approved");
    }
}

public sealed class GrantsPageOnSqlite(SqliteServiceFixture fixture) : GrantsPage(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class GrantsPageOnPostgres(PostgresServiceFixture fixture) : GrantsPage(fixture), IClassFixture<PostgresServiceFixture>;
