using AccessRequests.Web.Tests;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessRequests.Reliability.Tests.Hardening;

/// <summary>
/// The cookies the service sets (session, antiforgery, language), read from Set-Cookie: never readable by script,
/// never sent on another site's POST, and Secure when the public URL is https.
/// </summary>
public sealed class CookieFlags(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    [Fact]
    public async Task cookies_are_http_only_and_same_site_and_not_secure_on_plain_http()
    {
        var cookies = await CookiesOf(fixture.Service);

        cookies.Count.ShouldBe(3);
        foreach (var (name, cookie) in cookies)
        {
            cookie.ShouldContain("; httponly", Case.Insensitive, name);
            cookie.ShouldNotContain("; secure", Case.Insensitive, name);
        }
        cookies["accessrequests.session"].ShouldContain("; samesite=lax", Case.Insensitive);
        cookies["accessrequests.antiforgery"].ShouldContain("; samesite=strict", Case.Insensitive);
        cookies[".AspNetCore.Culture"].ShouldContain("; samesite=lax", Case.Insensitive);
    }

    [Fact]
    public async Task every_cookie_is_secure_when_the_public_url_is_https()
    {
        await using var https = fixture.NewInstance(settings: new Dictionary<string, string> { ["AccessRequests:PublicUrl"] = "https://localhost" });

        var cookies = await CookiesOf(https);

        cookies.Count.ShouldBe(3);
        foreach (var (name, cookie) in cookies)
        {
            cookie.ShouldContain("; secure", Case.Insensitive, name);
            cookie.ShouldContain("; httponly", Case.Insensitive, name);
            cookie.ShouldContain("; samesite=", Case.Insensitive, name);
        }
    }

    /// <summary>The Set-Cookie header of each cookie a browser gets on the way: sign-in, a page with a form, the language switch.</summary>
    private static async Task<Dictionary<string, string>> CookiesOf(ServiceFactory service)
    {
        var browser = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await browser.PostAsync("/dev-issuer/signin", new FormUrlEncodedContent([new("user", "researcher")]));
        var page = await browser.GetAsync("/");
        var language = await browser.GetAsync("/language/da?returnUrl=%2F");
        return new[] { signIn, page, language }
            .SelectMany(a => a.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .ToDictionary(c => c[..c.IndexOf('=')], c => c);
    }
}
