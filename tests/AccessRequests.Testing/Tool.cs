using System.Diagnostics;

namespace AccessRequests.Testing;

/// <summary>Runs a program (no shell) and returns its standard output; a failure fails the test.</summary>
public static class Tool
{
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output, error) = await TryRunAsync(program, arguments);
        if (exitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}: {error}{output}");
        return output;
    }

    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The tests change real users and ACLs: they need root and the acl tools, which tests/run.sh provides.</summary>
    public static void RequireRootWithAclTools()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("The provisioning integration tests create local users and ACLs: run them as root (tests/run.sh).");
        foreach (var tool in new[] { "setfacl", "getfacl", "useradd", "userdel" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
            if (!found) throw new InvalidOperationException($"{tool} is missing: run tests/run.sh, which installs the acl package.");
        }
    }
}
