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
    public const string IssuerDisplayName = "Test university";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private Service? service;
    private TestIdentityProvider? idp;
    private Chromium? chromium;

    public string BaseUrl { get; } = $"http://127.0.0.1:{TestIdentityProvider.FreePort()}";

    public TestIdentityProvider Idp => idp ?? throw new InvalidOperationException("The fixture has not started.");

    public Chromium Browser => chromium ?? throw new InvalidOperationException("The fixture has not started.");

    public static string ScreenshotDirectory => Chromium.ScreenshotDirectory;

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

        chromium = await Chromium.LaunchAsync();
    }

    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync();

    public async Task DisposeAsync()
    {
        if (chromium is not null) await chromium.DisposeAsync();
        if (service is not null) await service.DisposeAsync();
        if (idp is not null) await idp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
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
