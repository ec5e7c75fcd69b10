using System.Text.Json;

namespace AccessRequests.Benchmarks.Tests;

/// <summary>The runner on tiny sizes, against the test run's PostgreSQL and RabbitMQ: every benchmark answers figures.</summary>
public sealed class SmokeRun
{
    [Fact]
    public async Task every_benchmark_runs_on_tiny_sizes_and_reports_its_figures()
    {
        Runner.All.Select(b => b.Name).ShouldBe(["append", "commands", "grant-latency", "scale", "rebuild"]);

        using var log = new StringWriter();
        var figures = await Runner.RunAsync(new BenchContext(Smoke: true, log), []);

        foreach (var benchmark in Runner.All)
        {
            figures.Where(f => f.Benchmark == benchmark.Name).ShouldNotBeEmpty($"{benchmark.Name} reported nothing.\n{log}");
        }
        foreach (var figure in figures)
        {
            double.IsFinite(figure.Value).ShouldBeTrue($"{figure.Benchmark}/{figure.Name}");
            figure.Value.ShouldBeGreaterThan(0, $"{figure.Benchmark}/{figure.Name}");
            figure.Target.ShouldNotBeNullOrWhiteSpace();
        }

        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        await Runner.WriteJsonAsync(figures, path, smoke: true);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        json.RootElement.GetProperty("figures").GetArrayLength().ShouldBe(figures.Count);
        File.Delete(path);

        using var table = new StringWriter();
        Runner.PrintTable(figures, table);
        table.ToString().ShouldContain("append");
    }
}
