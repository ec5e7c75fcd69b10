using AccessRequests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace AccessRequests.EndToEnd;

/// <summary>
/// The service on a real Kestrel port of 127.0.0.1 (Production, SQLite in a temporary data folder, demo catalogue),
/// trusting one external OpenID provider (tests/node/idp.mjs) whose browser client is registered with the service's
/// callback and post-logout addresses; and one headless Debian Chromium (tests/infra/chromium.sh) driven by Playwright.
/// </summary>
public sealed class BrowserService : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string IssuerDisplayName = "Test university";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private Service? service;
    private TestIdentityProvider? idp;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl { get; } = $"http://127.0.0.1:{TestIdentityProvider.FreePort()}";

    public TestIdentityProvider Idp => idp ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where the tests leave their screenshots (TestResults is not committed).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(ProjectDirectory(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        idp = await TestIdentityProvider.StartAsync($"{BaseUrl}/signin/0/callback", $"{BaseUrl}/signed-out");

        service = new Service(new Dictionary<string, string>
        {
            ["AccessRequests:Store:Provider"] = "sqlite",
            ["AccessRequests:DataDirectory"] = dataDirectory,
            ["AccessRequests:PublicUrl"] = BaseUrl,
            ["AccessRequests:Demo:Seed"] = "true",
            ["AccessRequests:Auth:DevelopmentIssuer:Enabled"] = "false",
            ["AccessRequests:Auth:Issuers:0:Authority"] = idp.Issuer,
            ["AccessRequests:Auth:Issuers:0:Audience"] = TestIdentityProvider.Audience,
            ["AccessRequests:Auth:Issuers:0:RequireHttpsMetadata"] = "false",
            ["AccessRequests:Auth:Issuers:0:DisplayName"] = IssuerDisplayName,
            ["AccessRequests:Auth:Issuers:0:ClientId"] = TestIdentityProvider.WebClientId,
            ["AccessRequests:Auth:Issuers:0:ClientSecret"] = idp.WebClientSecret,
        });
        service.UseKestrel(new Uri(BaseUrl).Port);
        service.StartServer();
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; tests/infra/chromium.sh installs it.");
        }
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// A fresh browser profile (no cookies) that reaches only 127.0.0.1: the provider's pages import web fonts, which
    /// would otherwise be fetched from the internet.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1024, Height = 768 } });
        context.SetDefaultTimeout(15_000);
        await context.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).Host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync());
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (service is not null) await service.DisposeAsync();
        if (idp is not null) await idp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccessRequests.EndToEnd.csproj"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }

    private sealed class Service(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
