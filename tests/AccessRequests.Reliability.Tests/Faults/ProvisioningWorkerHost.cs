using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AccessRequests.Provisioning;
using AccessRequests.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// The reference provisioning worker as it is deployed (its own RabbitMQ bus and quorum queue, its state file), hosted
/// in the test process in dry-run, with a command runner that counts the access commands it would run: its effects.
/// </summary>
public sealed class ProvisioningWorkerHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string folder;

    private ProvisioningWorkerHost(IHost host, string folder, CountingRunner runner)
    {
        this.host = host;
        this.folder = folder;
        Runner = runner;
    }

    public CountingRunner Runner { get; }

    /// <summary>Deliveries the worker's consumers finished, by message id (a redelivery counts again).</summary>
    public ConcurrentDictionary<Guid, int> Consumed { get; } = new();

    /// <summary>The commands that open one grant's access: a grant applied once runs exactly these once.</summary>
    public int CommandsPerGrant(string localUser, string datasetId) =>
        new AccessCommands(Path.Combine(folder, "datasets"), Path.Combine(folder, "users")).Open(localUser, datasetId).Count;

    public static async Task<ProvisioningWorkerHost> StartAsync(TestRabbitMq rabbit, string virtualHost, string location, params string[] datasets)
    {
        var folder = Path.Combine(Path.GetTempPath(), "accessrequests-tests", $"worker-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(folder, "datasets"));
        foreach (var dataset in datasets) Directory.CreateDirectory(Path.Combine(folder, "datasets", dataset));
        Directory.CreateDirectory(Path.Combine(folder, "users"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Provisioning:Location"] = location,
            ["Provisioning:DatasetRoot"] = Path.Combine(folder, "datasets"),
            ["Provisioning:UserRoot"] = Path.Combine(folder, "users"),
            ["Provisioning:StateDirectory"] = Path.Combine(folder, "state"),
            ["Provisioning:DryRun"] = "true",
            ["Provisioning:RabbitMq:Host"] = rabbit.Host,
            ["Provisioning:RabbitMq:Port"] = rabbit.Port.ToString(CultureInfo.InvariantCulture),
            ["Provisioning:RabbitMq:Username"] = rabbit.Username,
            ["Provisioning:RabbitMq:Password"] = rabbit.Password,
            ["Provisioning:RabbitMq:VirtualHost"] = virtualHost,
        });
        var runner = new CountingRunner();
        builder.Services.AddSingleton<ICommandRunner>(runner);
        builder.AddProvisioningWorker();
        // Start returns once the queue is bound, so nothing published after it is missed.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        var worker = new ProvisioningWorkerHost(host, folder, runner);
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(new Counter(worker.Consumed));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return worker;
    }

    /// <summary>The worker's state file as it is on disk (written atomically, so it can be read while the worker runs).</summary>
    public ProvisioningState State()
    {
        var path = Path.Combine(folder, "state", "state.dry-run.json");
        if (!File.Exists(path)) return new ProvisioningState();
        return JsonSerializer.Deserialize<ProvisioningState>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Counts the commands instead of running them.</summary>
    public sealed class CountingRunner : ICommandRunner
    {
        private int count;

        public int Count => count;

        public Task RunAsync(HostCommand command, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }
    }

    private sealed class Counter(ConcurrentDictionary<Guid, int> consumed) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id) consumed.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
