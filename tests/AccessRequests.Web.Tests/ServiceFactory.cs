using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests;

/// <summary>
/// The real service in memory, on a store of its own: a fresh SQLite data folder or a fresh PostgreSQL database.
/// Development environment, so the development issuer signs the demo users' tokens.
/// </summary>
public sealed class ServiceFactory(
    string provider, string dataDirectory, string? postgres, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null,
    TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("AccessRequests:Store:Provider", provider);
        builder.UseSetting("AccessRequests:DataDirectory", DataDirectory);
        builder.UseSetting("AccessRequests:PublicUrl", "http://localhost");
        builder.UseSetting("AccessRequests:Demo:Seed", "true");
        if (postgres is not null)
        {
            builder.UseSetting("ConnectionStrings:Postgres", postgres);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>
    /// A client signed in as the demo user <paramref name="userId"/>. Its token goes with redirected requests too (the
    /// test server's redirect handler drops the Authorization header), so a form post followed to its next page stays signed in.
    /// </summary>
    public async Task<HttpClient> ClientFor(string userId)
    {
        var answer = await CreateClient().PostAsJsonAsync("/dev-issuer/token", new { user = userId });
        answer.EnsureSuccessStatusCode();
        var token = (await answer.Content.ReadFromJsonAsync<TokenAnswer>())!.access_token;
        var client = CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(), new BearerOnRedirects(token));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenAnswer(string access_token);

    /// <summary>Puts the token on a request that has no Authorization header: the redirected ones.</summary>
    private sealed class BearerOnRedirects(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
