using System.Diagnostics;
using System.Text.Json;

namespace AccessRequests.Benchmarks;

/// <summary>Runs the chosen benchmarks in order, prints one table, writes the figures as JSON.</summary>
public static class Runner
{
    /// <summary>Every benchmark, in the order the issue lists them.</summary>
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new AppendBenchmark(),
        new CommandsBenchmark(),
        new GrantLatencyBenchmark(),
        new ScaleBenchmark(),
        new RebuildBenchmark(),
    ];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchContext context, IReadOnlyCollection<string> only)
    {
        var figures = new List<Figure>();
        foreach (var benchmark in All.Where(b => only.Count == 0 || only.Contains(b.Name)))
        {
            context.Log.WriteLine($"== {benchmark.Name}");
            var clock = Stopwatch.StartNew();
            var result = await benchmark.RunAsync(context);
            context.Log.WriteLine($"   {benchmark.Name}: {result.Count} figures in {clock.Elapsed.TotalSeconds:N1} s");
            figures.AddRange(result);
        }
        return figures;
    }

    public static void PrintTable(IReadOnlyList<Figure> figures, TextWriter output)
    {
        string[] header = ["benchmark", "figure", "value", "unit", "baseline", "ratio", "target", "result"];
        var rows = figures.Select(f => new[]
        {
            f.Benchmark, f.Name, Figure.Number(f.Value), f.Unit, f.Baseline is { } b ? Figure.Number(b) : "",
            f.Ratio is { } r ? $"{r:N2}×" : "", f.Target, f.Verdict,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))));
        output.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(" | ", row.Select((c, i) => i is 2 or 4 or 5 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))));
        }
        foreach (var note in figures.Where(f => f.Note.Length > 0))
        {
            output.WriteLine($"  {note.Benchmark} / {note.Name}: {note.Note}");
        }
    }

    public static async Task WriteJsonAsync(IReadOnlyList<Figure> figures, string path, bool smoke)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new
        {
            measuredAt = DateTimeOffset.UtcNow,
            machine = new { processors = Environment.ProcessorCount, memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024 / 1024, 1), os = Environment.OSVersion.ToString() },
            smoke,
            figures = figures.Select(f => new { f.Benchmark, f.Name, f.Value, f.Unit, f.Baseline, f.Ratio, f.Target, pass = f.Pass, f.Note }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
    }
}
