using Microsoft.Playwright;

namespace AccessRequests.EndToEnd;

/// <summary>The newcomer's journey in the embedded default (SQLite, in-memory bus, demo sign-in), in Chromium.</summary>
public sealed class EmbeddedJourney(EmbeddedJourneyService fixture) : IClassFixture<EmbeddedJourneyService>
{
    [Fact]
    public async Task a_newcomer_switches_demo_users_and_language_in_the_header()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Demo.Step(page, "sign in as the researcher", () => Demo.SwitchToAsync(page, "researcher"));
        await Demo.Step(page, "see my applications", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "My applications" }).ClickAsync();
            page.Url.ShouldBe(fixture.BaseUrl + "/applications");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("My applications");
            (await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).display")).ShouldBe("flex");
        });
        await Demo.Step(page, "switch to Danish", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dansk" }).ClickAsync();
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Mine ansøgninger");
            (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("da");
        });
        await Demo.Step(page, "switch to the steward", () => Demo.SwitchToAsync(page, "steward"));
        (await page.Locator(".who").InnerTextAsync()).ShouldContain("Sofie Steward");
    }
}
