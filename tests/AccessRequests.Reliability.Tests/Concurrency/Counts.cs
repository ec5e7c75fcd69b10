using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.Concurrency;

/// <summary>
/// The figures the README's "Faults and attacks" table quotes: in the test's output, and appended to a file in the
/// temporary folder (the console logger does not show a passing test's output).
/// </summary>
public static class Counts
{
    public static readonly string File = Path.Combine(Path.GetTempPath(), "accessrequests-reliability-counts.txt");

    public static void Write(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (File)
        {
            System.IO.File.AppendAllLines(File, [$"{DateTimeOffset.UtcNow:O} {line}"]);
        }
    }
}
