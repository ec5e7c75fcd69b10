using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AccessRequests.Testing;
using AccessRequests.Web.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccessRequests.Reliability.Tests.Hardening;

/// <summary>
/// Logs travel further than the database (to files, collectors, support tickets): a whole journey logged at the most
/// detailed level holds no bearer token or other JWT, no cookie value, no invitation token, no e-mail address, and
/// not the applicant's or the invitee's name.
/// </summary>
public sealed partial class NoPersonalDataInLogs
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task a_whole_journey_logs_no_token_cookie_address_or_name(string provider)
    {
        var logs = new CapturedLogs();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        await using var database = provider == "postgres" ? await PostgresDatabase.CreateAsync("logs") : null;
        var settings = new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        };
        await using (var service = new ServiceFactory(provider, dataDirectory, database?.ConnectionString, settings: settings)
            .WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs))))
        {
            var secrets = await Journey(service);

            var text = logs.Text();
            text.Length.ShouldBeGreaterThan(10_000, "the journey was logged");
            // Every leak at once, each with the first entry it is in, so that one run shows all there is to fix.
            var leaks = secrets
                .Select(s => (s.What, Entry: logs.Entries.FirstOrDefault(e => e.Contains(s.Value, StringComparison.OrdinalIgnoreCase))))
                .Concat(logs.Entries.Where(e => Jwt().IsMatch(e)).Take(1).Select(e => (What: "a JWT", Entry: (string?)e)))
                .Concat(logs.Entries.Where(e => Email().IsMatch(e)).Take(1).Select(e => (What: "an e-mail address", Entry: (string?)e)))
                .Where(l => l.Entry is not null)
                .Select(l => $"{l.What}: {l.Entry}")
                .ToList();
            leaks.ShouldBeEmpty();
            Console.WriteLine($"NoPersonalDataInLogs ({provider}): {logs.Count} log entries, {text.Length} characters, {secrets.Count} secrets checked: 0 found");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>
    /// Token sign-in, a browser session, create, save-draft with a title, an invitation accepted, terms, submit, pages
    /// read, and a forged token refused; answers what must not be logged.
    /// </summary>
    private static async Task<List<(string What, string Value)>> Journey(WebApplicationFactory<Program> service)
    {
        var anonymous = service.CreateClient();
        var token = await Token(anonymous, "researcher");
        var researcher = Bearer(service, token);
        var coApplicant = Bearer(service, await Token(anonymous, "co-applicant"));

        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft("Epilepsy variants in the Jensen family cohort")).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        var invited = await researcher.Command(id, "invite-member", new { email = "carl.nielsen@au.dk", name = "Carl Nielsen" }).Ok();
        var invitation = invited.GetProperty("invitationToken").GetString()!;
        await coApplicant.Command(id, "accept-invitation", new { token = invitation }).Ok();
        await coApplicant.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        await researcher.Get($"/api/applications/{id}");
        await researcher.Get($"/api/applications/{id}/events");

        var browser = service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await browser.PostAsync("/dev-issuer/signin", new FormUrlEncodedContent([new("user", "researcher")]));
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("accessrequests.session=", StringComparison.Ordinal)).Split(';')[0];
        browser.DefaultRequestHeaders.Add("Cookie", session);
        (await browser.GetAsync($"/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The invitation link carries its token in the query string, where request logging would pick it up.
        ((int)(await browser.GetAsync($"/invitations/{id}?token={Uri.EscapeDataString(invitation)}")).StatusCode).ShouldBeLessThan(500);
        var page = await browser.GetAsync("/");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("accessrequests.antiforgery=", StringComparison.Ordinal)).Split(';')[0];

        var forged = new HttpRequestMessage(HttpMethod.Get, "/me");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        (await anonymous.SendAsync(forged)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        return
        [
            ("the bearer token", token), ("its signature", token.Split('.')[2]), ("the invitation token", invitation),
            ("the session cookie", Value(session)), ("the antiforgery cookie", Value(antiforgery)),
            ("the applicant's name", "Rikke Jensen"), ("the invitee's name", "Carl Nielsen"),
            ("the applicant's address", "rikke.jensen@ku.dk"), ("the invitee's address", "carl.nielsen@au.dk"),
            ("the application's title", "Jensen family cohort"),
        ];
    }

    private static string Value(string cookie) => cookie[(cookie.IndexOf('=') + 1)..];

    private static async Task<string> Token(HttpClient client, string user)
    {
        var answer = await client.PostAsJsonAsync("/dev-issuer/token", new { user });
        return (await answer.Json()).GetProperty("access_token").GetString()!;
    }

    private static HttpClient Bearer(WebApplicationFactory<Program> service, string token)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("eyJ[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    /// <summary>Every entry of every category at every level, with its scopes' values and its exception.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> entries = new();
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public int Count => entries.Count;

        public IReadOnlyCollection<string> Entries => entries;

        public string Text() => string.Join('\n', entries);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopeText = new List<string>();
                logs.scopes.ForEachScope((scope, list) => list.Add(Describe(scope)), scopeText);
                logs.entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {Describe(state)} [{string.Join("; ", scopeText)}] {exception}");
            }

            private static string Describe(object? value) => value is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : value?.ToString() ?? "";
        }
    }
}
