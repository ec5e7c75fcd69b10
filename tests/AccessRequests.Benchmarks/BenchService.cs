using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AccessRequests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AccessRequests.Benchmarks;

/// <summary>
/// The service in this process on a real Kestrel port of 127.0.0.1, on a PostgreSQL database of its own (and RabbitMQ
/// when asked), with the development issuer so the benchmark's clients authenticate as demo users with real JWTs.
/// Logging is kept to warnings so the console does not cost what is measured.
/// </summary>
public sealed class BenchService : IAsyncDisposable
{
    private readonly Service service;
    private readonly string dataDirectory;

    private BenchService(Service service, string baseUrl, string dataDirectory)
    {
        this.service = service;
        BaseUrl = baseUrl;
        this.dataDirectory = dataDirectory;
    }

    public string BaseUrl { get; }

    public IServiceProvider Services => service.Services;

    /// <param name="postgres">The database's connection string.</param>
    /// <param name="rabbit">The broker and vhost for grants, or null for the in-memory bus.</param>
    /// <param name="settings">More configuration (AccessRequests:...).</param>
    public static async Task<BenchService> StartAsync(string postgres, (TestRabbitMq Broker, string VirtualHost)? rabbit = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseUrl = $"http://127.0.0.1:{TestIdentityProvider.FreePort()}";
        var dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var all = new Dictionary<string, string>
        {
            ["AccessRequests:Store:Provider"] = "postgres",
            ["ConnectionStrings:Postgres"] = postgres,
            ["AccessRequests:DataDirectory"] = dataDirectory,
            ["AccessRequests:PublicUrl"] = baseUrl,
            ["AccessRequests:Demo:Seed"] = "true",
            ["AccessRequests:Auth:DevelopmentIssuer:Enabled"] = "true",
            // Configuration's filter rules win over SetMinimumLevel: without these, every request logged five lines.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        if (rabbit is { } r)
        {
            all["AccessRequests:Bus:Transport"] = "rabbitmq";
            all["AccessRequests:Bus:RabbitMq:Host"] = r.Broker.Host;
            all["AccessRequests:Bus:RabbitMq:Port"] = r.Broker.Port.ToString(CultureInfo.InvariantCulture);
            all["AccessRequests:Bus:RabbitMq:Username"] = r.Broker.Username;
            all["AccessRequests:Bus:RabbitMq:Password"] = r.Broker.Password;
            all["AccessRequests:Bus:RabbitMq:VirtualHost"] = r.VirtualHost;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var service = new Service(all);
        service.UseKestrel(new Uri(baseUrl).Port);
        service.StartServer();
        using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }
        return new BenchService(service, baseUrl, dataDirectory);
    }

    /// <summary>A client of the service authenticated as the demo user <paramref name="userId"/> with a bearer JWT.</summary>
    public async Task<HttpClient> ClientFor(string userId)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        var answer = await client.PostAsJsonAsync("/dev-issuer/token", new { user = userId, lifetimeMinutes = 600 });
        answer.EnsureSuccessStatusCode();
        var token = (await answer.Content.ReadFromJsonAsync<TokenAnswer>())!.access_token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await service.DisposeAsync();
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed record TokenAnswer(string access_token);

    private sealed class Service(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Not Production: the development issuer (real RS256 JWTs for demo users) is refused there.
            builder.UseEnvironment("Staging");
            // The runner is not a test project, so no content-root attribute names src/AccessRequests.Web and the
            // factory's guess (<solution>/AccessRequests.Web) does not exist: the build output has all the service reads.
            builder.UseContentRoot(AppContext.BaseDirectory);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
