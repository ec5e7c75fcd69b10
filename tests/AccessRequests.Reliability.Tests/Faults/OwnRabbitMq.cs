using System.Diagnostics;
using AccessRequests.Testing;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// A RabbitMQ node that belongs to one test (tests/infra/rabbitmq.sh on a port of its own; the node uses that port up to
/// port + 13), so that stopping it stops no other test. <see cref="StopAsync"/> stops the broker application, closing every
/// connection and refusing new ones; its durable queues and persistent messages survive to <see cref="StartAsync()"/>.
/// </summary>
public sealed class OwnRabbitMq : IAsyncDisposable
{
    private readonly int port;

    private OwnRabbitMq(int port, TestRabbitMq rabbit)
    {
        this.port = port;
        Rabbit = rabbit;
    }

    public TestRabbitMq Rabbit { get; }

    public static async Task<OwnRabbitMq> StartAsync(int port)
    {
        var exports = await ScriptAsync(port, "start");
        string Value(string name) => exports.Split('\n').Select(l => l.Trim())
            .First(l => l.StartsWith($"export {name}=", StringComparison.Ordinal))[($"export {name}=".Length + 1)..^1];
        var rabbit = new TestRabbitMq("127.0.0.1", (ushort)port, "", "", Value("ACCESSREQUESTS_TEST_RABBITMQCTL"));
        var settings = Value("ACCESSREQUESTS_TEST_RABBITMQ").Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new OwnRabbitMq(port, rabbit with { Username = settings["username"], Password = settings["password"] });
    }

    public Task StopAsync() => Rabbit.CtlAsync("stop_app");

    public async Task StartAsync()
    {
        await Rabbit.CtlAsync("start_app");
        await Rabbit.CtlAsync("await_startup");
    }

    public async ValueTask DisposeAsync() => await ScriptAsync(port, "stop");

    private static async Task<string> ScriptAsync(int port, string verb)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "infra", "rabbitmq.sh"));
        start.ArgumentList.Add(verb);
        start.Environment["ACCESSREQUESTS_TEST_RABBITMQ_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"rabbitmq.sh {verb} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccessRequests.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("AccessRequests.sln not found above " + AppContext.BaseDirectory);
    }
}
