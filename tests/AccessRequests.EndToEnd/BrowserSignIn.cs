using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace AccessRequests.EndToEnd;

/// <summary>
/// Browser sign-in end to end, in Chromium: the service's sign-in page, the external provider's login and consent
/// pages (authorization code + PKCE), the HttpOnly cookie session, API calls from the page, RP-initiated sign-out.
/// </summary>
public sealed class BrowserSignIn(BrowserService fixture) : IClassFixture<BrowserService>
{
    private string BaseUrl => fixture.BaseUrl;

    [Fact]
    public async Task a_user_signs_in_at_the_provider_and_gets_a_cookie_session()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await SignInAsync(page, "rikke", screenshots: true);

        var (status, me) = await GetMeAsync(page);
        status.ShouldBe((int)HttpStatusCode.OK);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserService.ScreenshotDirectory, "me-after-signin.png"), FullPage = true });
        me.GetProperty("userId").GetString().ShouldBe("rikke");
        me.GetProperty("name").GetString().ShouldBe("Rikke Jensen");
        me.GetProperty("email").GetString().ShouldBe("rikke@ku.dk");
        me.GetProperty("affiliation").EnumerateArray().Select(a => a.GetString()).ShouldContain("member@ku.dk");

        // The session lives in HttpOnly cookies only: scripts on the page cannot read it.
        var session = await SessionCookiesAsync(context);
        session.ShouldNotBeEmpty();
        var visibleToScripts = await page.EvaluateAsync<string>("() => document.cookie");
        foreach (var cookie in session) visibleToScripts.ShouldNotContain(cookie.Name);
    }

    [Fact]
    public async Task the_page_calls_the_api_with_the_session_cookie()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "rikke");

        var answer = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const response = await fetch('/api/applications', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ datasetIds: ['regionh-blood-donor-summary'] }),
              });
              return { status: response.status, body: await response.text() };
            }
            """);
        answer.GetProperty("status").GetInt32().ShouldBe((int)HttpStatusCode.Created, answer.GetProperty("body").GetString());

        var mine = await page.EvaluateAsync<int>("async () => (await fetch('/api/applications?view=mine')).status");
        mine.ShouldBe((int)HttpStatusCode.OK);
    }

    [Fact]
    public async Task signing_out_ends_the_session_at_the_service_and_the_provider()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "rikke");
        (await GetMeAsync(page)).Status.ShouldBe((int)HttpStatusCode.OK);

        // RP-initiated logout: the service clears its session and sends the browser to the provider's end_session
        // endpoint, whose confirmation page sends it back to the service's post-logout address.
        await page.GotoAsync($"{BaseUrl}/signout");
        await Step(page, "the provider's logout confirmation", async () =>
        {
            await page.WaitForURLAsync(url => url.StartsWith(fixture.Idp.Issuer, StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
            await page.WaitForURLAsync($"{BaseUrl}/signed-out");
        });

        (await GetMeAsync(page)).Status.ShouldBe((int)HttpStatusCode.Unauthorized);
        var create = await page.EvaluateAsync<int>("""
            async () => (await fetch('/api/applications', {
              method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ datasetIds: ['regionh-blood-donor-summary'] }) })).status
            """);
        create.ShouldBe((int)HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_tampered_session_cookie_is_refused()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "rikke");
        (await GetMeAsync(page)).Status.ShouldBe((int)HttpStatusCode.OK);

        var session = await SessionCookiesAsync(context);
        session.ShouldNotBeEmpty();
        var all = await context.CookiesAsync();
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync(all.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = session.Any(s => s.Name == c.Name && s.Domain == c.Domain && s.Path == c.Path) ? Tamper(c.Value) : c.Value,
            Domain = c.Domain,
            Path = c.Path,
            Expires = c.Expires > 0 ? c.Expires : null,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));

        (await GetMeAsync(page)).Status.ShouldBe((int)HttpStatusCode.Unauthorized);
    }

    /// <summary>Signs <paramref name="login"/> in through the service's sign-in page and the provider's pages.</summary>
    private async Task SignInAsync(IPage page, string login, bool screenshots = false)
    {
        await Step(page, "the service's sign-in page", async () =>
        {
            var response = await page.GotoAsync($"{BaseUrl}/signin");
            response!.Status.ShouldBe((int)HttpStatusCode.OK);
            var link = page.GetByRole(AriaRole.Link, new() { Name = BrowserService.IssuerDisplayName, Exact = true });
            (await link.CountAsync()).ShouldBe(1);
            (await link.GetAttributeAsync("href")).ShouldBe("/signin/0");
            if (screenshots)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserService.ScreenshotDirectory, "signin.png"), FullPage = true });
            }
            await link.ClickAsync();
        });
        await Step(page, "the provider's login page", async () =>
        {
            await page.WaitForURLAsync(url => url.StartsWith(fixture.Idp.Issuer, StringComparison.Ordinal));
            await page.Locator("input[name=login]").FillAsync(login);
            await page.Locator("input[name=password]").FillAsync("any");
            await page.Locator("button[type=submit]").ClickAsync();
        });
        await Step(page, "the provider's consent page", async () =>
        {
            await page.Locator("form input[name=prompt][value=consent]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator("button[type=submit]").ClickAsync();
        });
        await Step(page, "the return to the service", () => page.WaitForURLAsync($"{BaseUrl}/"));
    }

    /// <summary>Opens /me in the page, as a browser would.</summary>
    private async Task<(int Status, JsonElement Body)> GetMeAsync(IPage page)
    {
        var response = await page.GotoAsync($"{BaseUrl}/me");
        response.ShouldNotBeNull();
        if (response.Status != (int)HttpStatusCode.OK) return (response.Status, default);
        return (response.Status, JsonDocument.Parse(await response.TextAsync()).RootElement.Clone());
    }

    /// <summary>The service's HttpOnly cookies: the session (perhaps in chunks).</summary>
    private async Task<IReadOnlyList<BrowserContextCookiesResult>> SessionCookiesAsync(IBrowserContext context) =>
        (await context.CookiesAsync([BaseUrl])).Where(c => c.HttpOnly).ToList();

    /// <summary>The value with one character in its middle changed (to another base64url character).</summary>
    private static string Tamper(string value)
    {
        var i = value.Length / 2;
        var replacement = value[i] == 'A' ? 'B' : 'A';
        return string.Concat(value.AsSpan(0, i), replacement.ToString(), value.AsSpan(i + 1));
    }

    /// <summary>Runs a step of a browser journey; on failure says where the browser was and what the provider logged.</summary>
    private async Task Step(IPage page, string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e)
        {
            var content = "";
            try { content = await page.ContentAsync(); } catch (PlaywrightException) { }
            if (content.Length > 4000) content = content[..4000] + "…";
            throw new Xunit.Sdk.XunitException(
                $"Step '{name}' failed at {page.Url}: {e.Message}\n--- page ---\n{content}\n--- provider log ---\n{fixture.Idp.Log}");
        }
    }
}
