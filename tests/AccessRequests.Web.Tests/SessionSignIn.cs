using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessRequests.Web.Tests;

/// <summary>The browser session as the demo sign-in page makes it (the external issuers' sign-in is tested in the browser).</summary>
public abstract class SessionSignIn(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    private HttpClient Browser() => Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task a_demo_user_signs_in_on_the_page_uses_the_api_with_the_session_and_signs_out()
    {
        var browser = Browser();
        (await browser.GetStringAsync("/signin")).ShouldContain("/dev-issuer/signin");
        (await browser.GetStringAsync("/dev-issuer/signin")).ShouldContain("Rikke Jensen");
        await browser.GetAsync("/me").Problem(HttpStatusCode.Unauthorized);

        var signIn = await browser.PostAsync("/dev-issuer/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "researcher",
            ["returnUrl"] = "https://evil.example.org/",
        }));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/", "never an open redirect");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("accessrequests.session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);

        var me = await browser.Get("/me");
        me.GetProperty("userId").GetString().ShouldBe("researcher");
        me.GetProperty("affiliation").EnumerateArray().Select(a => a.GetString()).ShouldBe(["member@ku.dk"]);
        var created = await browser.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { Api.Wgs } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        (await browser.GetAsync("/signout")).Headers.Location!.ToString().ShouldBe("/signed-out");
        await browser.GetAsync("/me").Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_tampered_session_cookie_is_refused()
    {
        var browser = Browser();
        var signIn = await browser.PostAsync("/dev-issuer/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "admin" }));
        var value = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("accessrequests.session=", StringComparison.Ordinal)).Split(';')[0];
        var tampered = value[..^3] + (value.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");

        var attacker = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        attacker.DefaultRequestHeaders.Add("Cookie", tampered);
        await attacker.GetAsync("/me").Problem(HttpStatusCode.Unauthorized);
        (await attacker.PostAsJsonAsync("/api/dacs", new { id = "evil-dac", name = "Evil", members = new[] { new { userId = "x", role = "chair" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var genuine = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        genuine.DefaultRequestHeaders.Add("Cookie", value);
        (await genuine.Get("/me")).GetProperty("userId").GetString().ShouldBe("admin");
    }
}

public sealed class SessionSignInOnSqlite(SqliteServiceFixture fixture) : SessionSignIn(fixture), IClassFixture<SqliteServiceFixture>;
