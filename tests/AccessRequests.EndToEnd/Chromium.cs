using Microsoft.Playwright;

namespace AccessRequests.EndToEnd;

/// <summary>Debian's Chromium, headless, driven by Playwright (which never downloads a browser here).</summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Where the tests leave their screenshots (TestResults is not committed).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(ProjectDirectory(), "TestResults", "screenshots");

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing; tests/infra/chromium.sh installs it.");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        return new Chromium(playwright, browser);
    }

    /// <summary>
    /// A fresh browser profile (no cookies) that reaches only 127.0.0.1: an identity provider's pages import web fonts,
    /// which would otherwise be fetched from the internet.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "en-GB")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = locale });
        context.SetDefaultTimeout(15_000);
        await context.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).Host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync());
        return context;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccessRequests.EndToEnd.csproj"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}
