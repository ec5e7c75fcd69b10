using System.Diagnostics;
using System.Globalization;
using AccessRequests.Testing;
using AccessRequests.Web.Tests;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// Issue 8, fault 1: RabbitMQ is stopped while 500 applications are approved, and started again. Every AccessGranted in
/// the log reaches an independent consumer (distinct message ids = the grant events), and the provisioning worker applies
/// each grant once. The approvals are registered-access applications, which the workflow approves at submit, so one
/// application is one approval and one grant (four commands each).
/// </summary>
public sealed class BrokerOutage(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>This test's own broker (it uses this port up to + 13, inside the suite's range).</summary>
    private const int RabbitPort = 57660;

    private const int Approvals = 500;
    private const int Clients = 8;
    private const string Location = "region-h";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private OwnRabbitMq? broker;
    private PostgresDatabase? database;
    private ServiceFactory? service;
    private ProvisioningWorkerHost? worker;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        broker = await OwnRabbitMq.StartAsync(RabbitPort);
        database = await PostgresDatabase.CreateAsync("faults");
        var rabbit = broker.Rabbit;
        service = new ServiceFactory("postgres", dataDirectory, database.ConnectionString, "Development", new Dictionary<string, string>
        {
            ["AccessRequests:Bus:Transport"] = "rabbitmq",
            ["AccessRequests:Bus:RabbitMq:Host"] = rabbit.Host,
            ["AccessRequests:Bus:RabbitMq:Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["AccessRequests:Bus:RabbitMq:Username"] = rabbit.Username,
            ["AccessRequests:Bus:RabbitMq:Password"] = rabbit.Password,
            ["AccessRequests:Bus:RelayPollSeconds"] = "0.1",
        });
        worker = await ProvisioningWorkerHost.StartAsync(rabbit, "/", Location, Api.BloodDonorSummary);
    }

    [Fact]
    public async Task every_grant_approved_around_a_broker_outage_is_delivered_and_applied_once()
    {
        var queue = new GrantQueue(broker!.Rabbit, "/", Location);
        await queue.DeclareAsync();
        var researcher = await service!.ClientFor("researcher");
        researcher.Timeout = TimeSpan.FromSeconds(60);

        // 30% of the approvals with the broker up, 40% while it is stopped, 30% after it is started again.
        var before = Approvals * 3 / 10;
        var during = Approvals * 4 / 10;
        await ApproveAsync(researcher, before);
        await broker.StopAsync();
        var stopped = Stopwatch.GetTimestamp();
        await ApproveAsync(researcher, during);
        await broker.StartAsync();
        var outage = Stopwatch.GetElapsedTime(stopped);
        await ApproveAsync(researcher, Approvals - before - during);

        var grants = await EventLog.EventIdsAsync(database!.ConnectionString, "access-granted");
        grants.Count.ShouldBe(Approvals, "one grant per approval in the log");
        var delivered = await queue.UntilAsync(d => grants.IsSubsetOf(d.Where(m => m.Type == "AccessGranted").Select(m => m.MessageId)), TimeSpan.FromSeconds(60));
        var applied = await EventLog.UntilAsync(() => grants.All(g => worker!.State().Processed.GetValueOrDefault(g) == "applied"), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1)); // late duplicates, if any, would arrive now
        await queue.UntilAsync(_ => true, TimeSpan.Zero);

        var received = queue.Deliveries.Where(m => m.Type == "AccessGranted").ToList();
        var state = worker!.State();
        var perGrant = worker.CommandsPerGrant("researcher", Api.BloodDonorSummary);
        output.WriteLine($"Approvals {Approvals} ({during} of them while the broker was stopped, {outage.TotalSeconds:N1} s); " +
            $"AccessGranted events in the log {grants.Count}; delivered to the independent queue {received.Count} ({received.Select(m => m.MessageId).Distinct().Count()} distinct); " +
            $"worker: deliveries consumed {worker.Consumed.Values.Sum()} ({worker.Consumed.Count} distinct), outcomes recorded {state.Processed.Count}, " +
            $"grants open {state.Active.Count}, access commands run {worker.Runner.Count} ({perGrant} per grant).");

        delivered.ShouldBeTrue($"{grants.Count - received.Select(m => m.MessageId).Intersect(grants).Count()} AccessGranted messages never arrived");
        received.Select(m => m.MessageId).ToHashSet().SetEquals(grants).ShouldBeTrue("a message arrived for no grant event");
        applied.ShouldBeTrue($"{grants.Count(g => state.Processed.GetValueOrDefault(g) != "applied")} grants were not applied by the worker");
        state.Active.Count.ShouldBe(Approvals, "each grant is open once at the worker");
        state.Processed.Count.ShouldBe(Approvals, "the worker recorded an outcome for each message id once");
        worker.Runner.Count.ShouldBe(Approvals * perGrant, "each grant's access commands ran once: no duplicate effect");
    }

    /// <summary><paramref name="count"/> registered-access approvals from <see cref="Clients"/> clients at once.</summary>
    private static async Task ApproveAsync(HttpClient researcher, int count)
    {
        var started = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref started) <= count)
            {
                var id = await researcher.CreateApplication(Api.BloodDonorSummary);
                await researcher.Command(id, "save-draft", new { title = "Blood donor summary", researchPurpose = new { duoCodes = new[] { "DUO:0000042" } } }).Ok();
                await researcher.Command(id, "accept-terms").Ok();
                await researcher.Command(id, "submit").Ok();
            }
        })));
    }

    public async Task DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
        if (worker is not null) await worker.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
        if (broker is not null) await broker.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
