using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AccessRequests.Testing;

namespace AccessRequests.Benchmarks;

/// <summary>
/// The chair's approval to the AccessGranted message in a provisioning system's hands: the service on PostgreSQL and
/// RabbitMQ, an independent consumer (plain RabbitMQ.Client, its own queue for ngc-hpc, pushed to as messages come).
/// Applications are driven through the API to where the chair's decision is the last step (submitted, ethics verified
/// by the steward, two members' votes); then, one at a time, the clock runs from sending the chair's approve to the
/// message's arrival at the consumer.
/// </summary>
public sealed class GrantLatencyBenchmark : IBenchmark
{
    public string Name => "grant-latency";

    private const string Location = "ngc-hpc";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var count = context.Size(100, 2);
        var warmUp = context.Size(10, 1);
        var vhost = $"bench-grants-{Guid.NewGuid():N}";
        await context.Rabbit.CreateVhostAsync(vhost);
        try
        {
            await using var database = await context.NewDatabaseAsync("bench_grants");
            // The relay's poll interval as shipped (AccessRequests:Bus:RelayPollSeconds, default 0.5 s): what a deployment gets.
            await using var service = await BenchService.StartAsync(database.ConnectionString, (context.Rabbit, vhost));
            await using var consumer = await IndependentConsumer.BindAsync(context.Rabbit, vhost, Location);
            var waiting = new ConcurrentDictionary<Guid, TaskCompletionSource<long>>();
            await consumer.ConsumeAsync(message =>
            {
                if (message.Type == "AccessGranted"
                    && waiting.TryGetValue(message.Message.GetProperty("applicationId").GetGuid(), out var arrival))
                {
                    arrival.TrySetResult(message.ArrivedAt);
                }
            });

            var people = new People(
                await service.ClientFor("researcher"), await service.ClientFor("steward"),
                await service.ClientFor("dac-member-1"), await service.ClientFor("dac-member-2"), await service.ClientFor("dac-chair"));
            var clock = Stopwatch.StartNew();
            var ids = new List<Guid>();
            foreach (var batch in Enumerable.Range(0, warmUp + count).Chunk(8))
            {
                ids.AddRange(await Task.WhenAll(batch.Select(_ => people.ReadyForTheChairAsync())));
            }
            context.Log.WriteLine($"   {ids.Count} applications waiting for the chair in {clock.Elapsed.TotalSeconds:N1} s");

            var latencies = new List<double>();
            var decides = new List<double>();
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                // A pause of random length, so that the approvals do not fall in step with the relay's polling.
                await Task.Delay(Random.Shared.Next(20, 120));
                var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[id] = arrival;
                var sent = Stopwatch.GetTimestamp();
                await people.ApproveAsync(id);
                var answered = Stopwatch.GetTimestamp();
                var arrived = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(30));
                if (i >= warmUp)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
                    decides.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                }
            }
            context.Log.WriteLine($"   grant latency p50 {Percentile(latencies, 50):N1} ms, p99 {Percentile(latencies, 99):N1} ms; "
                + $"the decide command itself p50 {Percentile(decides, 50):N1} ms, p99 {Percentile(decides, 99):N1} ms");

            var how = $"{latencies.Count} approvals one at a time (after {warmUp} for warm-up), each after a random 20-120 ms pause: from sending "
                + "the chair's POST decide (approve) to the AccessGranted message's arrival at an independent RabbitMQ.Client consumer (push, "
                + "its own queue bound for ngc-hpc). Baseline: the decide command's own response time at the same percentile (what the relay adds is "
                + "the difference). Relay poll interval as shipped (0.5 s). Service, PostgreSQL, RabbitMQ and the consumer share the 2 cores.";
            return
            [
                new Figure(Name, "p50 approve → AccessGranted", Percentile(latencies, 50), "ms", Percentile(decides, 50), "report", null, ""),
                new Figure(Name, "p99 approve → AccessGranted", Percentile(latencies, 99), "ms", Percentile(decides, 99), "< 500 ms",
                    Percentile(latencies, 99) < 500, how),
            ];
        }
        finally
        {
            await context.Rabbit.DeleteVhostAsync(vhost);
        }
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record People(HttpClient Researcher, HttpClient Steward, HttpClient Member1, HttpClient Member2, HttpClient Chair)
    {
        /// <summary>Submitted, ethics verified, two approving votes: only the chair's decision is left.</summary>
        public async Task<Guid> ReadyForTheChairAsync()
        {
            var created = await Researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { "ngc-gdb-wgs" } });
            await Ok(created);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await Ok(Command(Researcher, id, "save-draft", new
            {
                title = "Rare variants in Danish epilepsy patients",
                answers = new Dictionary<string, string>
                {
                    ["project-summary"] = "We look for rare variants in children with epilepsy.",
                    ["data-handling"] = "Analysed on the national HPC only; results aggregated.",
                },
                researchPurpose = new { duoCodes = new[] { "DUO:0000006" }, disease = "epilepsy", commercial = false, description = "Rare-variant burden study." },
            }));
            await Ok(Command(Researcher, id, "add-ethics-approval", new
            {
                committee = "region-h",
                caseNumber = "H-21012345",
                validFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)),
                validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)),
            }));
            await Ok(Command(Researcher, id, "accept-terms", new { }));
            await Ok(Command(Researcher, id, "submit", new { }));
            await Ok(Command(Steward, id, "verify-ethics", new { comment = "Case number checked." }));
            await Ok(Command(Member1, id, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Fine." }));
            await Ok(Command(Member2, id, "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Fine." }));
            return id;
        }

        public Task ApproveAsync(Guid id) =>
            Ok(Command(Chair, id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300)) }));

        private static Task<HttpResponseMessage> Command(HttpClient client, Guid id, string command, object body) =>
            client.PostAsync($"/api/applications/{id}/{command}", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

        private static async Task Ok(Task<HttpResponseMessage> call) => await Ok(await call);

        private static async Task Ok(HttpResponseMessage answer)
        {
            if (!answer.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{answer.RequestMessage?.RequestUri}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }
    }
}
