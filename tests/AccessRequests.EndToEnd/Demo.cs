using Microsoft.Playwright;

namespace AccessRequests.EndToEnd;

/// <summary>What a newcomer does in the demo: switch users in the header, go places, look at the page.</summary>
public static class Demo
{
    /// <summary>Signs in as the demo user with the header's switch (the same form whoever is signed in).</summary>
    public static async Task SwitchToAsync(IPage page, string userId)
    {
        await page.Locator("#demo-user").SelectOptionAsync(userId);
        await page.Locator("form.demo-switch button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        (await page.Locator("#demo-user").InputValueAsync()).ShouldBe(userId);
    }

    /// <summary>Runs a step; on failure says where the browser was and shows the page's main content.</summary>
    public static async Task Step(IPage page, string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException { Message: var m } || !m.StartsWith("Step '", StringComparison.Ordinal))
        {
            var content = "";
            try { content = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 }); } catch (Exception) { }
            if (content.Length > 3000) content = content[..3000] + "…";
            try { await Chromium.ScreenshotAsync(page, "failed-" + string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-'))); } catch (Exception) { }
            throw new Xunit.Sdk.XunitException($"Step '{name}' failed at {page.Url}: {e.Message}\n--- page ---\n{content}");
        }
    }
}
