using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccessRequests.Provisioning.Tests.Infrastructure;

/// <summary>The standalone worker exactly as Program.cs composes it, configured for a sandbox and the class's vhost.</summary>
public sealed class Worker : IAsyncDisposable
{
    private readonly IHost host;

    private Worker(IHost host, ConsumeWatcher watcher)
    {
        this.host = host;
        Watcher = watcher;
    }

    public ConsumeWatcher Watcher { get; }

    public IServiceProvider Services => host.Services;

    public static async Task<Worker> StartAsync(ProvisioningFixture fixture, Sandbox sandbox, string location = "ngc-hpc",
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var rabbit = fixture.Rabbit;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Provisioning:Location"] = location,
            ["Provisioning:DatasetRoot"] = sandbox.DatasetRoot,
            ["Provisioning:UserRoot"] = sandbox.UserRoot,
            ["Provisioning:StateDirectory"] = sandbox.StateDirectory,
            ["Provisioning:RabbitMq:Host"] = rabbit.Host,
            ["Provisioning:RabbitMq:Port"] = rabbit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Provisioning:RabbitMq:Username"] = rabbit.Username,
            ["Provisioning:RabbitMq:Password"] = rabbit.Password,
            ["Provisioning:RabbitMq:VirtualHost"] = fixture.VirtualHost,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        services?.Invoke(builder.Services);
        builder.AddProvisioningWorker();
        // Start returns once the queue is bound, so a message published right after is not dropped.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        var watcher = new ConsumeWatcher();
        host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(watcher);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new Worker(host, watcher);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }
}

/// <summary>Every message the worker's consumers finished (or failed), by message id.</summary>
public sealed class ConsumeWatcher : IConsumeObserver
{
    private readonly ConcurrentQueue<(Guid? MessageId, Type Type, Exception? Fault)> consumed = new();

    public IReadOnlyList<Guid?> Consumed => consumed.Select(c => c.MessageId).ToList();

    public async Task WaitForAsync(Guid messageId, int times = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumed.Count(c => c.MessageId == messageId) < times)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Message {messageId} was not consumed {times} time(s) within 30 s.");
            await Task.Delay(50);
        }
        var fault = consumed.FirstOrDefault(c => c.MessageId == messageId && c.Fault is not null).Fault;
        if (fault is not null) throw new InvalidOperationException($"Consuming {messageId} failed.", fault);
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        consumed.Enqueue((context.MessageId, typeof(T), null));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        consumed.Enqueue((context.MessageId, typeof(T), exception));
        return Task.CompletedTask;
    }
}

/// <summary>Runs the real commands and counts them.</summary>
public sealed class CountingRunner(ICommandRunner inner) : ICommandRunner
{
    private readonly ConcurrentQueue<HostCommand> commands = new();

    public IReadOnlyList<HostCommand> Commands => commands.ToList();

    public async Task RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        commands.Enqueue(command);
        await inner.RunAsync(command, cancellationToken);
    }
}
