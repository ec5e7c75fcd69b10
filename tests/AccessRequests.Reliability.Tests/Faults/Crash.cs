using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AccessRequests.Testing;
using AccessRequests.Web.Tests;
using Npgsql;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// Issue 8, fault 2: the service, a process of its own, is killed with SIGKILL in the middle of 1,000 commands from
/// several clients, and started again. Every command that was answered 2xx is in the history (its application and
/// version), every AccessGranted in the log reaches an independent queue, and the provisioning worker opens each grant
/// once. The commands are registered-access applications (create, save-draft, accept-terms, submit: the workflow
/// approves at submit, so every fourth command makes a grant).
/// </summary>
public sealed class Crash(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The service's port, inside the suite's range.</summary>
    private const int ServicePort = 57690;

    private const int Commands = 1000;
    private const int KillAfter = 400;
    private const int Clients = 8;
    private const string Location = "region-h";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private readonly TestRabbitMq rabbit = TestRabbitMq.FromEnvironment();
    private readonly string virtualHost = $"crash-{Guid.NewGuid():N}";
    private PostgresDatabase? database;
    private ServiceProcess? service;
    private ProvisioningWorkerHost? worker;

    private sealed record Acknowledged(Guid Application, long Version);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        database = await PostgresDatabase.CreateAsync("faults");
        await rabbit.CreateVhostAsync(virtualHost);
        service = new ServiceProcess(ServicePort, dataDirectory, database.ConnectionString, new Dictionary<string, string>
        {
            ["AccessRequests__Bus__Transport"] = "rabbitmq",
            ["AccessRequests__Bus__RabbitMq__Host"] = rabbit.Host,
            ["AccessRequests__Bus__RabbitMq__Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["AccessRequests__Bus__RabbitMq__Username"] = rabbit.Username,
            ["AccessRequests__Bus__RabbitMq__Password"] = rabbit.Password,
            ["AccessRequests__Bus__RabbitMq__VirtualHost"] = virtualHost,
            ["AccessRequests__Bus__RelayPollSeconds"] = "0.1",
        });
        await service.StartAsync();
        worker = await ProvisioningWorkerHost.StartAsync(rabbit, virtualHost, Location, Api.BloodDonorSummary);
    }

    [Fact]
    public async Task after_a_sigkill_every_acknowledged_command_is_in_the_history_and_every_grant_is_delivered_and_applied_once()
    {
        var queue = new GrantQueue(rabbit, virtualHost, Location);
        await queue.DeclareAsync();
        var researcher = await service!.ClientFor("researcher");

        var attempted = 0;
        var failed = 0;
        var acknowledged = new ConcurrentBag<Acknowledged>();
        var up = new TaskCompletionSource();
        up.SetResult();
        var restarted = up;

        // One command; false when it got no 2xx answer (the service died under it, or refused it after a restart).
        async Task<bool> Send(Func<Task<HttpResponseMessage>> call)
        {
            if (Interlocked.Increment(ref attempted) > Commands) return false;
            try
            {
                using var answer = await call();
                if (!answer.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failed);
                    return false;
                }
                var json = await answer.Json();
                acknowledged.Add(new(json.GetProperty("id").GetGuid(), json.GetProperty("version").GetInt64()));
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
                await Volatile.Read(ref restarted).Task;
                return false;
            }
        }

        var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            while (Volatile.Read(ref attempted) < Commands)
            {
                Guid id = default;
                var created = await Send(async () =>
                {
                    var answer = await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { Api.BloodDonorSummary } });
                    if (answer.StatusCode == HttpStatusCode.Created) id = (await JsonOf(answer)).GetProperty("id").GetGuid();
                    return answer;
                });
                _ = created
                    && await Send(() => researcher.Command(id, "save-draft", new { title = "Blood donor summary", researchPurpose = new { duoCodes = new[] { "DUO:0000042" } } }))
                    && await Send(() => researcher.Command(id, "accept-terms"))
                    && await Send(() => researcher.Command(id, "submit"));
            }
        })).ToList();

        while (acknowledged.Count < KillAfter) await Task.Delay(5);
        var down = new TaskCompletionSource();
        Volatile.Write(ref restarted, down);
        await service.KillAsync();
        var atKill = acknowledged.Count;
        await service.StartAsync();
        down.SetResult();
        await Task.WhenAll(load);

        var history = await HistoryAsync();
        var grants = await EventLog.EventIdsAsync(database!.ConnectionString, "access-granted");
        var delivered = await queue.UntilAsync(d => grants.IsSubsetOf(d.Select(m => m.MessageId)), TimeSpan.FromSeconds(60));
        await EventLog.UntilAsync(() => worker!.State().Processed.Count >= grants.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await queue.UntilAsync(_ => true, TimeSpan.Zero);

        var acked = acknowledged.ToList();
        var missing = acked.Where(a => !history.Contains(a)).ToList();
        var received = queue.Deliveries.Where(m => m.Type == "AccessGranted").ToList();
        var state = worker!.State();
        var perGrant = worker.CommandsPerGrant("researcher", Api.BloodDonorSummary);
        output.WriteLine($"Commands sent {Math.Min(attempted, Commands)}, acknowledged {acked.Count} ({atKill} before the kill), not acknowledged {failed}; " +
            $"acknowledged and found in the history {acked.Count - missing.Count}; events in the history {history.Count}. " +
            $"AccessGranted events {grants.Count}, delivered {received.Count} ({received.Select(m => m.MessageId).Distinct().Count()} distinct); " +
            $"worker: deliveries consumed {worker.Consumed.Values.Sum()}, outcomes recorded {state.Processed.Count}, grants open {state.Active.Count}, " +
            $"access commands {worker.Runner.Count} ({perGrant} per grant).");

        missing.ShouldBeEmpty("acknowledged commands missing from the history");
        failed.ShouldBeGreaterThan(0, "the kill hit no command: the test proved nothing");
        grants.Count.ShouldBeGreaterThan(0);
        delivered.ShouldBeTrue($"{grants.Count - received.Select(m => m.MessageId).Intersect(grants).Count()} AccessGranted messages never arrived");
        received.Select(m => m.MessageId).ToHashSet().SetEquals(grants).ShouldBeTrue("a message arrived for no grant event");
        grants.ShouldAllBe(g => state.Processed.GetValueOrDefault(g) == "applied");
        state.Processed.Count.ShouldBe(grants.Count);
        worker.Runner.Count.ShouldBe(grants.Count * perGrant, "each grant's access commands ran once: no duplicate effect");
    }

    private static async Task<System.Text.Json.JsonElement> JsonOf(HttpResponseMessage answer) =>
        System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Every (application, version) in the event log.</summary>
    private async Task<HashSet<Acknowledged>> HistoryAsync()
    {
        await using var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT stream_id, stream_version FROM events WHERE stream_id LIKE 'application-%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var found = new HashSet<Acknowledged>();
        while (await reader.ReadAsync()) found.Add(new(Guid.Parse(reader.GetString(0)["application-".Length..]), reader.GetInt64(1)));
        return found;
    }

    public async Task DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
        if (worker is not null) await worker.DisposeAsync();
        await rabbit.DeleteVhostAsync(virtualHost);
        if (database is not null) await database.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
