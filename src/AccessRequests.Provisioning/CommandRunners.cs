using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AccessRequests.Provisioning;

/// <summary>Runs (or, in dry-run mode, prints) the commands that change access.</summary>
public interface ICommandRunner
{
    Task RunAsync(HostCommand command, CancellationToken cancellationToken);
}

/// <summary>A command that exited with a failure; the message is retried and lands in the error queue in the end.</summary>
public sealed class CommandFailedException(HostCommand command, int exitCode, string error)
    : Exception($"`{command}` exited with {exitCode}: {error.Trim()}")
{
    public HostCommand Command { get; } = command;
    public int ExitCode { get; } = exitCode;
}

/// <summary>Starts the program itself with an argument list: no shell sees the user or dataset names.</summary>
public sealed class ProcessCommandRunner(ILogger<ProcessCommandRunner> log) : ICommandRunner
{
    public async Task RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments) start.ArgumentList.Add(argument);
        log.LogInformation("Running {Command}", command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start `{command}`.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await output;
        if (process.ExitCode != 0) throw new CommandFailedException(command, process.ExitCode, await error);
    }
}

/// <summary>Where dry-run mode prints the commands; standard output unless a host registers another writer.</summary>
public sealed class DryRunOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = TextWriter.Synchronized(writer);
}

public sealed class DryRunCommandRunner(DryRunOutput output, ILogger<DryRunCommandRunner> log) : ICommandRunner
{
    public Task RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        log.LogInformation("Dry run: {Command}", command);
        output.Writer.WriteLine(command.ToString());
        output.Writer.Flush();
        return Task.CompletedTask;
    }
}
