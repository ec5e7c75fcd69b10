using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using AccessRequests.Web.Tests;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// Issue 8, fault 3: PostgreSQL is stopped under a load of reads and commands, and started again. While it is down every
/// answer is a quick 503 with problem details (never a 500, never a hang) and the service says it is not ready; once it
/// is back, commands succeed again without the service being restarted, and every acknowledged command is in the history.
/// </summary>
public sealed class DatabaseRestart(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>This test's own cluster (issue 8's port range for this suite), so stopping it stops no other test.</summary>
    private const int PostgresPort = 57650;

    private const int Clients = 4;
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private OwnPostgres? postgres;
    private ServiceFactory? service;

    private enum Phase { Up, Stopping, Down, Restarted }

    private sealed record Answer(Phase Phase, string Kind, HttpStatusCode Status, string? ContentType, TimeSpan Took, Guid Application, long? Version, string Body);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        postgres = await OwnPostgres.StartAsync(PostgresPort);
        service = new ServiceFactory("postgres", dataDirectory, postgres.ConnectionString);
        using var client = service.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task while_the_database_is_down_every_answer_is_a_quick_503_and_the_service_recovers_by_itself()
    {
        var researcher = await service!.ClientFor("researcher");
        researcher.Timeout = TimeSpan.FromSeconds(30);
        var drafts = new List<Guid>();
        for (var i = 0; i < Clients; i++) drafts.Add(await researcher.CreateApplication(Api.Wgs));

        var phase = Phase.Up;
        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var load = drafts.Select((id, n) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var seen = phase;
                var started = Stopwatch.GetTimestamp();
                var command = i % 2 == 0;
                using var answer = command
                    ? await researcher.Command(id, "save-draft", Api.CompleteDraft($"Draft {n}, save {i}"))
                    : await researcher.GetAsync($"/api/applications/{id}");
                var body = await answer.Content.ReadAsStringAsync();
                long? version = command && answer.IsSuccessStatusCode ? (await answer.Json()).GetProperty("version").GetInt64() : null;
                // An answer that spans a change of phase belongs to the change, not to the phase before or after it.
                var after = phase;
                var during = seen == after ? seen : after == Phase.Restarted ? Phase.Restarted : Phase.Stopping;
                answers.Enqueue(new(during, command ? "command" : "read", answer.StatusCode, answer.Content.Headers.ContentType?.MediaType,
                    Stopwatch.GetElapsedTime(started), id, version, body));
                await Task.Delay(20);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        phase = Phase.Stopping;
        await postgres!.StopAsync();
        phase = Phase.Down;
        await Task.Delay(TimeSpan.FromSeconds(4));
        using (var ready = await researcher.GetAsync("/health/ready"))
        {
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "/health/ready while the database is down");
        }

        phase = Phase.Restarted;
        var restarted = Stopwatch.GetTimestamp();
        await postgres.StartAsync();
        var recovered = await RecoveredAsync(answers, drafts, TimeSpan.FromSeconds(30));
        var recoveredAfter = Stopwatch.GetElapsedTime(restarted);
        stop.Cancel();
        await Task.WhenAll(load);

        var all = answers.ToList();
        foreach (var group in all.GroupBy(a => (a.Phase, a.Kind, a.Status)).OrderBy(g => g.Key.Phase))
        {
            output.WriteLine($"{group.Key.Phase,-10} {group.Key.Kind,-8} {(int)group.Key.Status} x {group.Count()} (slowest {group.Max(a => a.Took.TotalMilliseconds):N0} ms)");
        }
        output.WriteLine($"Commands succeeded on every draft again {recoveredAfter.TotalSeconds:N1} s after PostgreSQL was started.");

        var failures = all.Where(a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable).ToList();
        failures.Count.ShouldBe(0, string.Join("\n", failures.Take(3).Select(a => $"{a.Phase} {a.Kind} {(int)a.Status}: {a.Body}")));
        all.Where(a => a.Phase == Phase.Up).ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        var down = all.Where(a => a.Phase == Phase.Down).ToList();
        down.ShouldNotBeEmpty();
        down.ShouldAllBe(a => a.Status == HttpStatusCode.ServiceUnavailable && a.ContentType == "application/problem+json");
        all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ShouldAllBe(a => a.Took < Quick);
        recovered.ShouldBeTrue("commands did not succeed again within 30 s of PostgreSQL's start");

        // Every acknowledged command is in the history.
        var acknowledged = all.Where(a => a.Version is not null).ToList();
        var found = 0;
        foreach (var id in drafts)
        {
            var history = (await researcher.Get($"/api/applications/{id}/events")).EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToHashSet();
            var mine = acknowledged.Where(a => a.Application == id).ToList();
            mine.ShouldAllBe(a => history.Contains(a.Version!.Value));
            found += mine.Count;
        }
        output.WriteLine($"Commands acknowledged {acknowledged.Count}, found in the history {found}; answers while down {down.Count}, all 503.");
    }

    /// <summary>Waits until a command on every draft has succeeded since the restart.</summary>
    private static async Task<bool> RecoveredAsync(ConcurrentQueue<Answer> answers, List<Guid> drafts, TimeSpan within)
    {
        var until = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            var ok = answers.Where(a => a.Phase == Phase.Restarted && a.Version is not null).Select(a => a.Application).ToHashSet();
            if (drafts.All(ok.Contains)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    public async Task DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
        if (postgres is not null) await postgres.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
