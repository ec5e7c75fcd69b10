using System.Globalization;

namespace AccessRequests.Benchmarks;

/// <summary>
/// One measured figure, with the baseline measured in the same run where there is one, and its target.
/// </summary>
/// <param name="Benchmark">Which benchmark (append, commands, grant-latency, scale, rebuild).</param>
/// <param name="Name">What was measured, e.g. "16 writers".</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit">events/s, commands/s, ms, s.</param>
/// <param name="Baseline">The baseline figure measured in the same run, if any.</param>
/// <param name="Target">The target in words, e.g. "≥ 0.7× baseline", "&lt; 25 ms".</param>
/// <param name="Pass">Whether the target is met; null where the figure has no target of its own.</param>
/// <param name="Note">What limits it, how it was measured.</param>
public sealed record Figure(string Benchmark, string Name, double Value, string Unit, double? Baseline, string Target, bool? Pass, string Note = "")
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;

    public string Verdict => Pass switch { true => "PASS", false => "FAIL", null => "" };

    public static string Number(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };
}
