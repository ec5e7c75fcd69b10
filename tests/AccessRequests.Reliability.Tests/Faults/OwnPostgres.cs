using System.Globalization;
using AccessRequests.Testing;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster that belongs to one test, on a port of its own, so that stopping it hurts no other test. Made
/// with the installed server's initdb and pg_ctl (as the postgres user when the tests run as root, as tests/run.sh
/// does); trust authentication on 127.0.0.1 only, fsync off as in the shared test cluster; removed on dispose.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string folder;

    private OwnPostgres(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The service's connection string; a short connect timeout, so that a refused connection is told at once.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=3";

    public static async Task<OwnPostgres> StartAsync(int port)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderBy(b => int.Parse(Path.GetFileName(Path.GetDirectoryName(b))!, CultureInfo.InvariantCulture)).LastOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql: run tests/run.sh, which installs it.");
        var folder = Path.Combine(Path.GetTempPath(), $"accessrequests-fault-postgres-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var cluster = new OwnPostgres(bin, folder, port);
        if (Environment.UserName == "root")
        {
            await Tool.RunAsync("chown", "postgres:", folder);
        }
        await cluster.AsOwnerAsync("initdb", "-D", cluster.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C");
        await cluster.StartAsync();
        return cluster;
    }

    private string Data => Path.Combine(folder, "data");

    public Task StartAsync() => AsOwnerAsync("pg_ctl", "-D", Data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
        $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={folder} -c fsync=off -c full_page_writes=off -c max_connections=200",
        "start");

    /// <summary>Stops the server the way an operator restarting it would: open connections are ended.</summary>
    public Task StopAsync() => AsOwnerAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    private Task<string> AsOwnerAsync(string program, params string[] arguments) =>
        Environment.UserName == "root"
            ? Tool.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments])
            : Tool.RunAsync(Path.Combine(bin, program), arguments);

    private Task<(int ExitCode, string Output, string Error)> TryAsOwnerAsync(string program, params string[] arguments) =>
        Environment.UserName == "root"
            ? Tool.TryRunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments])
            : Tool.TryRunAsync(Path.Combine(bin, program), arguments);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await TryAsOwnerAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        Directory.Delete(folder, recursive: true);
    }
}
