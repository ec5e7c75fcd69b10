namespace AccessRequests.Benchmarks;

/// <summary>tests/bench.sh [--smoke] [--only append,commands,grant-latency,scale,rebuild] [--json path]</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var only = Argument(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var json = Argument(args, "--json") ?? Path.Combine("BenchmarkResults", smoke ? "smoke.json" : "latest.json");

        var context = new BenchContext(smoke, Console.Out);
        var figures = await Runner.RunAsync(context, only);
        Console.WriteLine();
        Runner.PrintTable(figures, Console.Out);
        await Runner.WriteJsonAsync(figures, json, smoke);
        Console.WriteLine($"\nFigures written to {Path.GetFullPath(json)}");
        return 0;
    }

    private static string? Argument(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
}
