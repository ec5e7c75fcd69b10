using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AccessRequests.Testing;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// The service as its own process, as it is deployed (<c>dotnet AccessRequests.Web.dll</c>, Staging, the development
/// issuer on for the demo users' tokens), on 127.0.0.1 at a port the test chooses; started, killed with SIGKILL, started again.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly StringBuilder log = new();
    private Process? process;

    public ServiceProcess(int port, string dataDirectory, string postgres, IReadOnlyDictionary<string, string> settings)
    {
        Url = $"http://127.0.0.1:{port}";
        environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["DOTNET_ENVIRONMENT"] = "Staging",
            ["ASPNETCORE_URLS"] = Url,
            ["AccessRequests__Store__Provider"] = "postgres",
            ["ConnectionStrings__Postgres"] = postgres,
            ["AccessRequests__Demo__Seed"] = "true",
            ["AccessRequests__Auth__DevelopmentIssuer__Enabled"] = "true",
            ["AccessRequests__DataDirectory"] = dataDirectory,
            ["AccessRequests__PublicUrl"] = Url,
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public string Url { get; }

    /// <summary>What the process wrote (for failure messages).</summary>
    public string Log { get { lock (log) return log.ToString(); } }

    public async Task StartAsync()
    {
        var start = ServiceProcesses.StartInfo(typeof(Program).Assembly.Location);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{Log}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"The service was not ready in 60 s:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine or the container dies.</summary>
    public async Task KillAsync()
    {
        process!.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>A client with a development-issuer token for <paramref name="userId"/>.</summary>
    public async Task<HttpClient> ClientFor(string userId)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        var answer = await client.PostAsJsonAsync("/dev-issuer/token", new { user = userId });
        answer.EnsureSuccessStatusCode();
        var token = (await answer.Content.ReadFromJsonAsync<TokenAnswer>())!.access_token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenAnswer(string access_token);

    public async ValueTask DisposeAsync()
    {
        if (process is not null) await KillAsync();
    }
}
