using System.Collections.Concurrent;
using System.Globalization;
using AccessRequests.Testing;
using AccessRequests.Web.Tests;
using Npgsql;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// Issue 8, fault 4: two service instances on one PostgreSQL database and one RabbitMQ vhost, under load through both.
/// No grant is published twice (each AccessGranted, AccessRevoked or AccessExpired arrives once, and every grant event
/// arrives), every deadline timer fires once, and concurrent commands on one application through both instances lose
/// nothing (2xx answers = new events, each with its own version).
/// </summary>
public sealed class TwoInstances(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Approvals = 100;
    private const int Reviewed = 10;
    private const int ConcurrentSaves = 40;
    private const string Location = "region-h";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private readonly TestRabbitMq rabbit = TestRabbitMq.FromEnvironment();
    private readonly string virtualHost = $"two-{Guid.NewGuid():N}";
    private readonly MovableClock clock = new(DateTimeOffset.UtcNow);
    private PostgresDatabase? database;
    private ServiceFactory? first;
    private ServiceFactory? second;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        database = await PostgresDatabase.CreateAsync("faults");
        await rabbit.CreateVhostAsync(virtualHost);
        var settings = new Dictionary<string, string>
        {
            ["AccessRequests:Bus:Transport"] = "rabbitmq",
            ["AccessRequests:Bus:RabbitMq:Host"] = rabbit.Host,
            ["AccessRequests:Bus:RabbitMq:Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["AccessRequests:Bus:RabbitMq:Username"] = rabbit.Username,
            ["AccessRequests:Bus:RabbitMq:Password"] = rabbit.Password,
            ["AccessRequests:Bus:RabbitMq:VirtualHost"] = virtualHost,
            ["AccessRequests:Bus:RelayPollSeconds"] = "0.1",
            ["AccessRequests:Timers:PollSeconds"] = "0.1",
        };
        first = new ServiceFactory("postgres", dataDirectory, database.ConnectionString, "Development", settings, clock);
        second = new ServiceFactory("postgres", dataDirectory, database.ConnectionString, "Development", settings, clock);
        using var a = first.CreateClient();
        (await a.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        using var b = second.CreateClient();
        (await b.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task two_instances_publish_each_grant_once_fire_each_timer_once_and_lose_no_update()
    {
        var queue = new GrantQueue(rabbit, virtualHost, Location);
        await queue.DeclareAsync();
        var researchers = new[] { await first!.ClientFor("researcher"), await second!.ClientFor("researcher") };

        // Grants: approvals whose commands alternate between the instances, both relays running.
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n <= Approvals; n = Interlocked.Increment(ref next))
            {
                var id = await researchers[n % 2].CreateApplication(Api.BloodDonorSummary);
                await researchers[(n + 1) % 2].Command(id, "save-draft", new { title = "Blood donor summary", researchPurpose = new { duoCodes = new[] { "DUO:0000042" } } }).Ok();
                await researchers[n % 2].Command(id, "accept-terms").Ok();
                await researchers[(n + 1) % 2].Command(id, "submit").Ok();
            }
        })));

        // Timers: applications in review whose reminder and deadline fall due on both instances' shared clock.
        var reviewed = new List<Guid>();
        for (var i = 0; i < Reviewed; i++) reviewed.Add(await researchers[i % 2].SubmittedApplication());

        // No lost update: one draft, saved concurrently through both instances (no If-Match: each is decided on the newest state).
        var draft = await researchers[0].CreateApplication(Api.Wgs);
        var before = await StreamVersionAsync(draft);
        var versions = new ConcurrentBag<long>();
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, ConcurrentSaves).Select(i => Task.Run(async () =>
        {
            using var answer = await researchers[i % 2].Command(draft, "save-draft", Api.CompleteDraft($"Concurrent save {i}"));
            if (answer.IsSuccessStatusCode) versions.Add((await answer.Json()).GetProperty("version").GetInt64());
            else Interlocked.Increment(ref refused);
        })));
        var after = await StreamVersionAsync(draft);

        clock.Advance(TimeSpan.FromDays(80));
        var reminded = await EventLog.UntilAsync(async () => await CountAsync("deadline-reminded") >= Reviewed, TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromDays(11));
        var passed = await EventLog.UntilAsync(async () => await CountAsync("deadline-passed") >= Reviewed, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second firing, if the instances raced, would be recorded by now

        var grantEvents = await EventLog.EventIdsAsync(database!.ConnectionString, "access-granted", "access-revoked", "access-expired");
        var delivered = await queue.UntilAsync(d => grantEvents.IsSubsetOf(d.Select(m => m.MessageId)), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await queue.UntilAsync(_ => true, TimeSpan.Zero);
        var perMessage = queue.Deliveries.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.Count());
        var reminders = await CountAsync("deadline-reminded");
        var deadlines = await CountAsync("deadline-passed");
        var perApplication = await PerApplicationAsync("deadline-reminded", "deadline-passed");

        output.WriteLine($"Grant events (granted/revoked/expired) {grantEvents.Count}; deliveries {queue.Deliveries.Count}, distinct message ids {perMessage.Count}, " +
            $"delivered more than once {perMessage.Count(p => p.Value > 1)}. Timers: {Reviewed} applications, reminders recorded {reminders}, deadlines passed {deadlines}. " +
            $"Concurrent saves {ConcurrentSaves} through both instances: 2xx {versions.Count} (distinct versions {versions.Distinct().Count()}), refused {refused}, " +
            $"events added {after - before}.");

        delivered.ShouldBeTrue("grant messages are missing");
        perMessage.Keys.ToHashSet().SetEquals(grantEvents).ShouldBeTrue("a message arrived for no grant event");
        perMessage.Where(p => p.Value > 1).ShouldBeEmpty("a grant message was published twice");
        grantEvents.Count.ShouldBeGreaterThanOrEqualTo(Approvals);
        reminded.ShouldBeTrue("not every reminder fired");
        passed.ShouldBeTrue("not every deadline fired");
        reminders.ShouldBe(Reviewed);
        deadlines.ShouldBe(Reviewed);
        perApplication.Values.ShouldAllBe(n => n == 1);
        versions.Count.ShouldBe((int)(after - before), "a 2xx answer without its event: a lost update");
        versions.Distinct().Count().ShouldBe(versions.Count);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<long> StreamVersionAsync(Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1", connection) { Parameters = { new() { Value = $"application-{id}" } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<int> CountAsync(string type)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events WHERE type = $1", connection) { Parameters = { new() { Value = type } } };
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<string, long>> PerApplicationAsync(params string[] types)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT stream_id || ' ' || type, count(*) FROM events WHERE type = ANY($1) GROUP BY 1", connection) { Parameters = { new() { Value = types } } };
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    public async Task DisposeAsync()
    {
        if (first is not null) await first.DisposeAsync();
        if (second is not null) await second.DisposeAsync();
        await rabbit.DeleteVhostAsync(virtualHost);
        if (database is not null) await database.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>A clock both instances share and the test moves, so that deadlines months away fall due now.</summary>
    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        private long ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}
