using System.Globalization;
using AccessRequests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AccessRequests.EndToEnd;

/// <summary>
/// The service as a newcomer runs it, on a real Kestrel port of 127.0.0.1, with the development sign-in (demo users
/// switched in the page header) and the demo catalogue; and a headless Chromium. Subclasses choose the store and bus.
/// </summary>
public abstract class JourneyService : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private Service? service;
    private Chromium? chromium;

    public string BaseUrl { get; } = $"http://127.0.0.1:{TestIdentityProvider.FreePort()}";

    public Chromium Browser => chromium ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The store and bus settings of this variant.</summary>
    protected abstract Task<Dictionary<string, string>> SettingsAsync();

    protected virtual Task StopAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        var settings = await SettingsAsync();
        settings["AccessRequests:DataDirectory"] = dataDirectory;
        settings["AccessRequests:PublicUrl"] = BaseUrl;
        settings["AccessRequests:Demo:Seed"] = "true";
        settings["AccessRequests:Auth:DevelopmentIssuer:Enabled"] = "true";
        service = new Service(settings);
        service.UseKestrel(new Uri(BaseUrl).Port);
        service.StartServer();
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }
        chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null) await chromium.DisposeAsync();
        if (service is not null) await service.DisposeAsync();
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }

    private sealed class Service(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>The embedded default: SQLite in the data folder, the in-memory bus with the embedded provisioning worker.</summary>
public sealed class EmbeddedJourneyService : JourneyService
{
    protected override Task<Dictionary<string, string>> SettingsAsync() => Task.FromResult(new Dictionary<string, string>
    {
        ["AccessRequests:Store:Provider"] = "sqlite",
        ["AccessRequests:Bus:Transport"] = "inmemory",
    });
}

/// <summary>The production stack: a PostgreSQL database and a RabbitMQ vhost of its own.</summary>
public sealed class BrokerJourneyService : JourneyService
{
    private PostgresDatabase? database;

    public TestRabbitMq Rabbit { get; } = TestRabbitMq.FromEnvironment();

    public string VirtualHost { get; } = $"e2e-{Guid.NewGuid():N}";

    protected override async Task<Dictionary<string, string>> SettingsAsync()
    {
        database = await PostgresDatabase.CreateAsync("e2e");
        await Rabbit.CreateVhostAsync(VirtualHost);
        return new Dictionary<string, string>
        {
            ["AccessRequests:Store:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["AccessRequests:Bus:Transport"] = "rabbitmq",
            ["AccessRequests:Bus:RabbitMq:Host"] = Rabbit.Host,
            ["AccessRequests:Bus:RabbitMq:Port"] = Rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["AccessRequests:Bus:RabbitMq:Username"] = Rabbit.Username,
            ["AccessRequests:Bus:RabbitMq:Password"] = Rabbit.Password,
            ["AccessRequests:Bus:RabbitMq:VirtualHost"] = VirtualHost,
            ["AccessRequests:Bus:RelayPollSeconds"] = "0.1",
        };
    }

    protected override async Task StopAsync()
    {
        await Rabbit.DeleteVhostAsync(VirtualHost);
        if (database is not null) await database.DisposeAsync();
    }
}
