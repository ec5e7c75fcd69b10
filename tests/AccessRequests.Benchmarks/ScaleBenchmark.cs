using System.Diagnostics;
using System.Globalization;
using AccessRequests.EventStore;
using AccessRequests.Testing;
using AccessRequests.Web.Applications;
using Npgsql;

namespace AccessRequests.Benchmarks;

/// <summary>
/// The service on a database that years of use have filled (100,000 applications, a million events, thousands of
/// them in the stewards' and the DAC's inboxes, one with a 500-event history): how long a fresh process takes to be
/// ready (it must not read events at start, so no longer than on an empty database), and the p99 of the inbox and of
/// reading the long application.
/// </summary>
public sealed class ScaleBenchmark : IBenchmark
{
    public string Name => "scale";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var log = context.Log;
        var applications = context.Size(100_000, 100);
        var bigEvents = context.Size(500, 40);
        var requests = context.Size(200, 10);
        var starts = context.Size(3, 1);

        await using var database = await context.NewDatabaseAsync("scale");
        await using var empty = await context.NewDatabaseAsync("scale_empty");

        var seed = new ScaleSeed();
        await using (var service = await BenchService.StartAsync(database.ConnectionString))
        {
            await seed.MakeTemplatesAsync(service, bigEvents, log);
        }
        await seed.CopyAsync(database.ConnectionString, applications, log);
        var todoRows = await InboxPlanAsync(database.ConnectionString, log);

        // (a) A separate process, as it is deployed; one start first on the empty database so that both sides find
        // their schema made and the visa key written, then the two databases in turn.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var emptyStarts = new List<double>();
        var fullStarts = new List<double>();
        try
        {
            await StartToReadyAsync(empty.ConnectionString, dataDirectory);
            for (var i = 0; i < starts; i++)
            {
                emptyStarts.Add(await StartToReadyAsync(empty.ConnectionString, dataDirectory));
                fullStarts.Add(await StartToReadyAsync(database.ConnectionString, dataDirectory));
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        log.WriteLine($"   start to ready: empty {string.Join(", ", emptyStarts.Select(s => s.ToString("N2", CultureInfo.InvariantCulture)))} s; " +
            $"full {string.Join(", ", fullStarts.Select(s => s.ToString("N2", CultureInfo.InvariantCulture)))} s");
        var startup = Median(fullStarts);
        var startupBaseline = Median(emptyStarts);

        // (b), (c) In-process service (Staging, development issuer) on the filled database.
        var figures = new List<Figure>
        {
            new(Name, $"start to ready, {seed.Events:N0} events", startup, "s", startupBaseline, "< 3 s", startup < 3,
                $"`dotnet AccessRequests.Web.dll` (Release, Production, PostgreSQL, no demo seed) started as its own process; " +
                $"/health/ready polled every 20 ms until 200; median of {starts} starts, alternating with the baseline: the same on an empty database. {seed.Report}."),
        };
        await using (var service = await BenchService.StartAsync(database.ConnectionString))
        {
            var steward = await service.ClientFor("steward");
            var member = await service.ClientFor("dac-member-1");
            foreach (var (who, client, rows, ids) in new[]
            {
                ("steward", steward, todoRows.Steward, new[] { "steward", "role:steward" }),
                ("DAC member", member, todoRows.Member, new[] { "dac-member-1", "dac:ngc-dac", "dac:regionh-dac" }),
            })
            {
                var (p99, size, count, median) = await P99Async(client, "/api/applications?view=todo", requests);
                var (query, json) = await InboxBreakdownAsync(service, ids, requests);
                figures.Add(new(Name, $"todo inbox p99, {who}", p99, "ms", null, "< 50 ms", p99 < 50,
                    $"GET /api/applications?view=todo as {who} ({rows:N0} applications waiting on them), {requests} sequential requests after " +
                    $"{Warmup(requests)} warm-up, one client, service in-process on Kestrel; median {median:N1} ms; answer: {count} applications, {size / 1024d:N0} KiB " +
                    "(the API answers the first 100 by deadline and has no paging: the rest cannot be listed). " +
                    $"Breakdown (medians, in-process): store query {query:N1} ms, reading the rows' JSON {json:N1} ms."));
            }
            var (read, readSize, _, readMedian) = await P99Async(steward, $"/api/applications/{seed.Big}", requests);
            var (rowQuery, rowJson) = await ReadBreakdownAsync(service, seed.Big, requests);
            figures.Add(new(Name, $"application with {seed.BigEvents} events p99", read, "ms", null, "< 50 ms", read < 50,
                $"GET /api/applications/{{id}} as the steward, {requests} sequential requests after warm-up; median {readMedian:N1} ms; answer {readSize / 1024d:N0} KiB " +
                $"(the read model's row, no events read). Breakdown (medians, in-process): store read {rowQuery:N1} ms, reading its JSON {rowJson:N1} ms."));
            var (history, historySize, historyCount, historyMedian) = await P99Async(steward, $"/api/applications/{seed.Big}/events", requests);
            figures.Add(new(Name, $"its history ({seed.BigEvents} events) p99", history, "ms", null, "report", null,
                $"GET /api/applications/{{id}}/events as the steward: {historyCount} events, {historySize / 1024d:N0} KiB; {requests} sequential requests after warm-up; median {historyMedian:N1} ms."));
        }
        return figures;
    }

    /// <summary>Medians of the store's list query and of turning its rows into views, called directly.</summary>
    private static async Task<(double Query, double Json)> InboxBreakdownAsync(BenchService service, string[] ids, int requests)
    {
        var store = (IEventStore)service.Services.GetService(typeof(IEventStore))!;
        var query = new ApplicationQuery(ids, ["todo"], OrderByDeadline: true);
        var queries = new List<double>();
        var json = new List<double>();
        for (var i = 0; i < Warmup(requests) + requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var rows = await store.ListApplicationsAsync(query);
            var read = Stopwatch.GetTimestamp();
            _ = rows.Select(r => ApplicationSummary.From(ApplicationView.FromRow(r))).Count();
            if (i >= Warmup(requests))
            {
                queries.Add(Stopwatch.GetElapsedTime(started, read).TotalMilliseconds);
                json.Add(Stopwatch.GetElapsedTime(read).TotalMilliseconds);
            }
        }
        return (Median(queries), Median(json));
    }

    /// <summary>Medians of the store's row read and of reading the row's view from its JSON, called directly.</summary>
    private static async Task<(double Query, double Json)> ReadBreakdownAsync(BenchService service, Guid id, int requests)
    {
        var store = (IEventStore)service.Services.GetService(typeof(IEventStore))!;
        var queries = new List<double>();
        var json = new List<double>();
        for (var i = 0; i < Warmup(requests) + requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var row = await store.GetApplicationAsync(id);
            var read = Stopwatch.GetTimestamp();
            _ = ApplicationView.FromRow(row!);
            if (i >= Warmup(requests))
            {
                queries.Add(Stopwatch.GetElapsedTime(started, read).TotalMilliseconds);
                json.Add(Stopwatch.GetElapsedTime(read).TotalMilliseconds);
            }
        }
        return (Median(queries), Median(json));
    }

    private static int Warmup(int requests) => Math.Max(5, requests / 4);

    /// <summary>The p99 of <paramref name="requests"/> sequential GETs after a warm-up, the answer's size and (for an array) its length.</summary>
    private static async Task<(double P99, long Bytes, int Count, double Median)> P99Async(HttpClient client, string path, int requests)
    {
        for (var i = 0; i < Warmup(requests); i++)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        }
        var times = new List<double>(requests);
        byte[] body = [];
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var answer = await client.GetAsync(path);
            answer.EnsureSuccessStatusCode();
            body = await answer.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var count = json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? json.RootElement.GetArrayLength() : 1;
        return (Percentile(times, 0.99), body.Length, count, Median(times));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    /// <summary>Starts the service as its own process and answers the seconds from Process.Start to the first 200 of /health/ready.</summary>
    private static async Task<double> StartToReadyAsync(string connectionString, string dataDirectory)
    {
        var url = $"http://127.0.0.1:{TestIdentityProvider.FreePort()}";
        var start = ServiceProcesses.StartInfo(typeof(Program).Assembly.Location);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["AccessRequests__Store__Provider"] = "postgres";
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["AccessRequests__Demo__Seed"] = "false";
        start.Environment["AccessRequests__Auth__DevelopmentIssuer__Enabled"] = "false";
        start.Environment["AccessRequests__DataDirectory"] = dataDirectory;
        start.Environment["AccessRequests__PublicUrl"] = url;

        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var output = new System.Text.StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The service exited with {process.ExitCode} before it was ready:\n{output}");
                }
                try
                {
                    using var answer = await http.GetAsync("/health/ready");
                    if (answer.IsSuccessStatusCode)
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(20);
            }
            throw new TimeoutException($"The service was not ready within 60 s:\n{output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }

    /// <summary>EXPLAIN ANALYZE of the todo inbox's query (as SqlEventStore.ListApplicationsAsync sends it) for the steward; answers each inbox's size.</summary>
    private static async Task<(long Steward, long Member)> InboxPlanAsync(string connectionString, TextWriter log)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const string Query = """
            SELECT a.id, a.applicant_id, a.status, a.title, a.version, a.created_at, a.updated_at, a.submitted_at, a.deadline, a.detail
            FROM applications a
            WHERE EXISTS (
                SELECT 1 FROM application_participants p
                WHERE p.application_id = a.id
                  AND p.user_id IN ('steward', 'role:steward')
                  AND p.relation IN ('todo'))
            ORDER BY a.deadline ASC NULLS LAST, a.updated_at ASC, a.id
            LIMIT 100
            """;
        await using (var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + Query, connection))
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            log.WriteLine("   EXPLAIN ANALYZE of the steward's todo inbox:");
            while (await reader.ReadAsync())
            {
                log.WriteLine($"     {reader.GetString(0)}");
            }
        }
        async Task<long> Count(string ids)
        {
            await using var count = new NpgsqlCommand(
                $"SELECT count(DISTINCT application_id) FROM application_participants WHERE relation = 'todo' AND user_id IN ({ids})", connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        return (await Count("'steward', 'role:steward'"), await Count("'dac-member-1', 'dac:ngc-dac', 'dac:regionh-dac'"));
    }
}
