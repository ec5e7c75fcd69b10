using System.Diagnostics;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Hosting;
using Npgsql;

namespace AccessRequests.Benchmarks;

/// <summary>
/// Read-model rebuild in events/second: application histories decided by the domain are appended through the store,
/// then <see cref="IEventStore.RebuildReadModelsAsync"/> runs with <see cref="Operations.Project"/>, as the rebuild
/// endpoint does.
/// </summary>
public sealed class RebuildBenchmark : IBenchmark
{
    private const int StreamsPerAppend = 50;
    private const int Seeders = 4;

    public string Name => "rebuild";

    public async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context)
    {
        var target = context.Size(200_000, 300);
        var timedRuns = context.Smoke ? 1 : 3;

        await using var database = await context.NewDatabaseAsync("bench_rebuild");
        await using var dataSource = PostgresEventStore.CreateDataSource(database.ConnectionString);
        var store = new PostgresEventStore(dataSource);
        await store.InitializeAsync();

        var clock = Stopwatch.StartNew();
        var (events, applications) = await SeedAsync(store, target);
        context.Log.WriteLine($"   seeded {events:N0} events of {applications:N0} applications in {clock.Elapsed.TotalSeconds:N1} s");
        await using (var analyze = dataSource.CreateCommand("VACUUM ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // Warm-up: the same rebuild once (JIT, the pages in PostgreSQL's cache, the read-model tables' first fill).
        await store.RebuildReadModelsAsync(Operations.Project);

        var runs = new List<(double Seconds, double ProjectSeconds)>();
        for (var i = 0; i < timedRuns; i++)
        {
            var project = new Stopwatch();
            clock.Restart();
            var read = await store.RebuildReadModelsAsync(stream =>
            {
                project.Start();
                var writes = Operations.Project(stream).ToList();
                project.Stop();
                return writes;
            });
            runs.Add((clock.Elapsed.TotalSeconds, project.Elapsed.TotalSeconds));
            if (read != events)
            {
                throw new InvalidOperationException($"The rebuild read {read} events, not the {events} seeded.");
            }
            context.Log.WriteLine($"   rebuild {i + 1}: {read:N0} events in {clock.Elapsed.TotalSeconds:N2} s ({read / clock.Elapsed.TotalSeconds:N0}/s), projecting {project.Elapsed.TotalSeconds:N2} s");
        }

        // How long reading alone takes: the rebuild's keyset pages, nothing done with them.
        clock.Restart();
        var scanned = await ScanAsync(dataSource);
        var scan = clock.Elapsed.TotalSeconds;

        var seconds = runs.Average(r => r.Seconds);
        var rate = events / seconds;
        var rows = await CountAsync(dataSource, "SELECT count(*) FROM applications");
        return
        [
            new Figure(Name, $"{events:N0} events, {applications:N0} applications", rate, "events/s", null, "≥ 20,000 events/s", rate >= 20_000,
                $"IEventStore.RebuildReadModelsAsync with Operations.Project (the rebuild endpoint's code path) on PostgreSQL, mean of {timedRuns} " +
                $"after a warm-up rebuild; {string.Join(", ", runs.Select(r => $"{r.Seconds:N2} s"))}. Per run: projecting (fold + rows) " +
                $"{runs.Average(r => r.ProjectSeconds):N2} s, reading the {scanned:N0} events alone {scan:N2} s, the rest writing {rows:N0} application rows " +
                "(+ participants, grants) and deleting the old ones. Histories decided by ApplicationDecider: drafts, withdrawn, in review, " +
                "approved with four grants."),
        ];
    }

    /// <summary>Appends application histories until <paramref name="target"/> events, a few streams per transaction, from a few writers.</summary>
    private static async Task<(long Events, int Applications)> SeedAsync(IEventStore store, int target)
    {
        var histories = new ApplicationHistories();
        long events = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Seeders).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Read(ref events) < target)
            {
                var batch = new List<StreamAppend>();
                while (batch.Count < StreamsPerAppend && Interlocked.Read(ref events) < target)
                {
                    var history = histories.Application(Interlocked.Increment(ref next));
                    batch.Add(new StreamAppend(history.StreamId, ApplicationStreams.StreamType, 0, history.Events));
                    Interlocked.Add(ref events, history.Events.Count);
                }
                if (batch.Count > 0)
                {
                    await store.AppendAsync(batch, []);
                }
            }
        })));
        return (events, next + 1);
    }

    private static async Task<long> ScanAsync(NpgsqlDataSource dataSource)
    {
        long count = 0;
        (string Stream, long Version) after = ("", 0);
        while (true)
        {
            await using var command = dataSource.CreateCommand("""
                SELECT global_position, tx, event_id, stream_id, stream_version, type, data, metadata, recorded_at FROM events
                WHERE (stream_id, stream_version) > ($1, $2) ORDER BY stream_id, stream_version LIMIT 5000
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = after.Stream });
            command.Parameters.Add(new NpgsqlParameter { Value = after.Version });
            await using var reader = await command.ExecuteReaderAsync();
            var page = 0;
            while (await reader.ReadAsync())
            {
                _ = reader.GetString(6);
                _ = reader.GetString(7);
                after = (reader.GetString(3), reader.GetInt64(4));
                page++;
            }
            count += page;
            if (page < 5000)
            {
                return count;
            }
        }
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
