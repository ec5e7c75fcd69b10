using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AccessRequests.Benchmarks;

/// <summary>
/// HTTP commands through the real API with JWT authentication: closed-loop throughput of many clients, and latency at
/// fixed arrival rates (open loop), each beside an authenticated <c>GET /me</c> measured the same way in the same run.
/// The command is the researcher's save-draft with a new title each time (one event and its read-model rows written
/// in one transaction), spread over many drafts so that the clients do not race on one stream.
/// </summary>
public sealed class CommandsBenchmark : IBenchmark
{
    public string Name => "commands";

    private const string SameProcess =
        "The load generator (HttpClient over loopback) runs in the same process on the same 2 cores as the service and PostgreSQL.";

    private const string BaselineIs =
        "Baseline: GET /me with the same bearer JWT (Kestrel, authentication, authorization, JSON; no database).";

    private const string Limits =
        "Per command three PostgreSQL round trips: the actor's roles with the documents' generation (datasets and DAC rosters come from "
        + "the in-memory catalogue snapshot while that generation holds), the application's events since the state the node last "
        + "decided on, and the append (events, head, application row and participants in one batch). perf: the service, PostgreSQL "
        + "and the load generator share the 2 cores; no single hot spot remains (Npgsql and socket sends, Kestrel, JWT validation).";

    private static readonly int[] Rates = [50, 200, 800];

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var drafts = context.Size(1000, 8);
        var clients = context.Size(32, 4);
        var settle = TimeSpan.FromSeconds(context.Smoke ? 0.2 : 30);
        var warmUp = TimeSpan.FromSeconds(context.Smoke ? 0.2 : 3);
        var closedFor = TimeSpan.FromSeconds(context.Smoke ? 0.5 : 15);
        var openFor = TimeSpan.FromSeconds(context.Smoke ? 0.5 : 10);

        await using var database = await context.NewDatabaseAsync("bench_commands");
        await using var service = await BenchService.StartAsync(database.ConnectionString);
        using var researcher = await service.ClientFor("researcher");

        var clock = Stopwatch.StartNew();
        var ids = await CreateDraftsAsync(researcher, drafts, clients);
        context.Log.WriteLine($"   {drafts} drafts created in {clock.Elapsed.TotalSeconds:N1} s");

        var load = new Load(researcher, ids);
        var figures = new List<Figure>();

        // Closed loop: each client sends its next request as soon as the previous one answered. The first warm-up is
        // long: the runtime compiles hot methods again with profile data (tiered PGO), and until it has, instrumented
        // code and the compiler thread take a fifth of the 2 cores (measured with perf); a running service is past that.
        await ClosedLoopAsync(clients, settle, load.SaveDraftAsync);
        await ClosedLoopAsync(clients, warmUp, load.MeAsync);
        var commands = await ClosedLoopAsync(clients, closedFor, load.SaveDraftAsync);
        var me = await ClosedLoopAsync(clients, closedFor, load.MeAsync);
        context.Log.WriteLine($"   closed loop: {commands.PerSecond:N0} commands/s, {me.PerSecond:N0} GET /me/s");
        figures.Add(new Figure(Name, $"closed loop, {clients} clients", commands.PerSecond, "commands/s", me.PerSecond,
            "≥ 1,000 commands/s", commands.Failed == 0 && commands.PerSecond >= 1000,
            $"{commands.Completed:N0} save-drafts by {clients} concurrent clients on {drafts} drafts (each client its own), {closedFor.TotalSeconds:0.#} s after "
            + $"{settle.TotalSeconds:0.#} s warm-up (until tiered compilation settles); failed: {commands.Failed}. {BaselineIs} {SameProcess} {Limits}"));

        // Open loop: requests leave at the rate's schedule whatever the answers; latency counts from the scheduled time.
        foreach (var rate in Rates)
        {
            await OpenLoopAsync(rate, warmUp, load.SaveDraftAsync);
            var command = await OpenLoopAsync(rate, openFor, load.SaveDraftAsync);
            await OpenLoopAsync(rate, warmUp, load.MeAsync);
            var baseline = await OpenLoopAsync(rate, openFor, load.MeAsync);
            context.Log.WriteLine($"   {rate}/s: p50 {command.Percentile(50):N1} p95 {command.Percentile(95):N1} p99 {command.Percentile(99):N1} ms "
                + $"(GET /me p99 {baseline.Percentile(99):N1} ms)");
            foreach (var p in (int[])[50, 95, 99])
            {
                var value = command.Percentile(p);
                var target = rate == 200 && p == 99;
                figures.Add(new Figure(Name, $"p{p} at {rate} commands/s", value, "ms", baseline.Percentile(p),
                    target ? "< 25 ms" : "report", target ? command.Failed == 0 && value < 25 : null,
                    p != 99 ? "" : $"Open loop: {command.Latencies.Count:N0} save-drafts sent on a timer at {rate}/s for {openFor.TotalSeconds:0.#} s "
                        + $"after {warmUp.TotalSeconds:0.#} s warm-up, latency from the scheduled send to the answer (so a stall counts for every "
                        + $"request it delays); failed: {command.Failed}, late sends: {command.Late}. Baseline: GET /me the same way at the same rate. {SameProcess}"));
            }
        }
        return figures;
    }

    /// <summary>Drafts of the researcher, created <paramref name="concurrency"/> at a time.</summary>
    private static async Task<Guid[]> CreateDraftsAsync(HttpClient researcher, int count, int concurrency)
    {
        var ids = new Guid[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var answer = await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { "ngc-gdb-wgs" } });
                answer.EnsureSuccessStatusCode();
                ids[i] = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            }
        }));
        return ids;
    }

    private sealed record ClosedResult(long Completed, long Failed, TimeSpan Elapsed)
    {
        public double PerSecond => Completed / Elapsed.TotalSeconds;
    }

    /// <summary><paramref name="clients"/> loops, each sending its next request when the last one answered, for <paramref name="duration"/>.</summary>
    private static async Task<ClosedResult> ClosedLoopAsync(int clients, TimeSpan duration, Func<long, Task<bool>> send)
    {
        long completed = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (long n = 0; clock.Elapsed < duration; n++)
            {
                // Client c takes the drafts c, c + clients, c + 2 clients, ...: no two clients share one.
                if (await send(n * clients + client))
                {
                    Interlocked.Increment(ref completed);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        return new ClosedResult(completed, failed, clock.Elapsed);
    }

    private sealed record OpenResult(List<double> Latencies, long Failed, long Late)
    {
        public double Percentile(int p)
        {
            if (Latencies.Count == 0)
            {
                return double.NaN;
            }
            var sorted = Latencies.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    /// <summary>
    /// Sends at <paramref name="rate"/> per second for <paramref name="duration"/> on a schedule fixed in advance, not
    /// waiting for answers; each latency runs from the request's scheduled time to its answer.
    /// </summary>
    private static async Task<OpenResult> OpenLoopAsync(int rate, TimeSpan duration, Func<long, Task<bool>> send)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var ok = new bool[total];
        var inFlight = new List<Task>((int)total);
        long late = 0;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            if (Stopwatch.GetElapsedTime(due) > TimeSpan.FromMilliseconds(5))
            {
                late++;
            }
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                ok[index] = await send(index);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(inFlight);
        return new OpenResult([.. latencies.Where((_, i) => ok[i])], ok.LongCount(o => !o), late);
    }

    /// <summary>The two requests: a save-draft with a new title on draft n (mod the drafts), and GET /me.</summary>
    private sealed class Load(HttpClient client, Guid[] drafts)
    {
        private long saved;

        public async Task<bool> SaveDraftAsync(long n)
        {
            var id = drafts[n % drafts.Length];
            var title = $"Rare variants in Danish epilepsy patients, revision {Interlocked.Increment(ref saved)}";
            var body = JsonSerializer.Serialize(new
            {
                title,
                answers = new Dictionary<string, string>
                {
                    ["project-summary"] = "We look for rare variants in children with epilepsy.",
                    ["data-handling"] = "Analysed on the national HPC only; results aggregated.",
                },
                researchPurpose = new { duoCodes = new[] { "DUO:0000006" }, disease = "epilepsy", commercial = false, description = "Rare-variant burden study." },
            });
            return await SucceedsAsync(() => client.PostAsync($"/api/applications/{id}/save-draft", new StringContent(body, Encoding.UTF8, "application/json")));
        }

        public Task<bool> MeAsync(long _) => SucceedsAsync(() => client.GetAsync("/me"));

        /// <summary>A request that fails or times out counts as failed; it does not end the run.</summary>
        private static async Task<bool> SucceedsAsync(Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                using var answer = await send();
                await answer.Content.LoadIntoBufferAsync();
                return answer.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
