using System.Net;
using AccessRequests.Web.Auth;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>The sign-in, signed-out and demo sign-in pages, in the UI's layout, in English and Danish.</summary>
public sealed class SignInPages(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private HttpClient Anonymous() => fixture.Service.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task the_sign_in_page_offers_the_demo_users_and_carries_the_return_address_in_both_languages()
    {
        var (status, html) = await Anonymous().Page("/signin?ReturnUrl=%2Fapplications");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Sign in");
        html.ShouldContain("<a href=\"/dev-issuer/signin?returnUrl=%2Fapplications\">Demo users (development)</a>");
        html.ShouldContain("class=\"site-header\"", customMessage: "the page is in the UI's layout");

        var (_, danish) = await Anonymous().Page("/signin", "da");
        UiForms.Heading(danish).ShouldBe("Log ind");
        UiForms.Text(danish).ShouldContain("<a href=\"/dev-issuer/signin\">Demobrugere (udvikling)</a>");
        danish.ShouldContain("<html lang=\"da\">");

        var (_, offsite) = await Anonymous().Page("/signin?returnUrl=https%3A%2F%2Fevil.example.org%2F");
        offsite.ShouldContain("href=\"/dev-issuer/signin?returnUrl=%2F\"", customMessage: "never an open redirect");
    }

    [Fact]
    public async Task the_demo_page_has_a_form_per_person_saying_who_they_are_in_both_languages()
    {
        var (status, html) = await Anonymous().Page("/dev-issuer/signin?returnUrl=%2Fadmin");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Demo users");
        var people = DemoUser.All.Where(u => !u.MachineClient).ToList();
        people.Count.ShouldBeGreaterThan(5);
        foreach (var user in people)
        {
            html.ShouldContain($"<input type=\"hidden\" name=\"user\" value=\"{user.Id}\" />");
            html.ShouldContain($"<button type=\"submit\" aria-describedby=\"demo-{user.Id}\">{user.Name}</button>");
            UiForms.Text(html).ShouldContain($"<span id=\"demo-{user.Id}\">{user.Description}</span>");
        }
        html.ShouldNotContain("provisioning-ngc-hpc");
        Occurrences(html, "<form method=\"post\" action=\"/dev-issuer/signin\">").ShouldBe(people.Count, "one per person");
        Occurrences(html, "<input type=\"hidden\" name=\"returnUrl\" value=\"/admin\" />").ShouldBe(people.Count);

        var (_, danish) = await Anonymous().Page("/dev-issuer/signin", "da");
        UiForms.Heading(danish).ShouldBe("Demobrugere");
        var text = UiForms.Text(danish);
        text.ShouldContain("<span id=\"demo-researcher\">Forsker ved Københavns Universitet</span>");
        text.ShouldContain("<span id=\"demo-dac-chair\">Formand for NGC's dataadgangskomité</span>");
        danish.ShouldContain("<input type=\"hidden\" name=\"returnUrl\" value=\"/\" />");
    }

    [Fact]
    public async Task a_demo_form_signs_the_browser_in_and_returns_it_where_it_was_going()
    {
        var browser = fixture.Service.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await browser.PostAsync("/dev-issuer/signin", new FormUrlEncodedContent([new("user", "admin"), new("returnUrl", "/admin")]));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/admin");
        var (status, html) = await browser.Page("/admin");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Administration");
    }

    [Fact]
    public async Task the_signed_out_page_offers_to_sign_in_again_in_both_languages()
    {
        var (status, html) = await Anonymous().Page("/signed-out");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("You are signed out");
        html.ShouldContain("<a href=\"/signin\">Sign in again</a>");

        var (_, danish) = await Anonymous().Page("/signed-out", "da");
        UiForms.Heading(danish).ShouldBe("Du er logget ud");
        danish.ShouldContain("<a href=\"/signin\">Log ind igen</a>");
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
