using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning;

public static class ProvisioningServices
{
    /// <summary>The consumer types, for a host that registers them on a bus of its own (the web service's embedded mode).</summary>
    public static IReadOnlyList<Type> ConsumerTypes { get; } =
        [typeof(AccessGrantedConsumer), typeof(AccessRevokedConsumer), typeof(AccessExpiredConsumer)];

    /// <summary>
    /// Options (from <paramref name="section"/>, validated at start), state store, command runner (dry-run or real) and
    /// the provisioner the consumers use; no bus. Register a <see cref="DryRunOutput"/> or an <see cref="ICommandRunner"/>
    /// first to replace the defaults.
    /// </summary>
    public static IServiceCollection AddProvisioning(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<ProvisioningOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new DryRunOutput(Console.Out));
        services.TryAddSingleton<ICommandRunner>(sp => sp.GetRequiredService<IOptions<ProvisioningOptions>>().Value.DryRun
            ? ActivatorUtilities.CreateInstance<DryRunCommandRunner>(sp)
            : ActivatorUtilities.CreateInstance<ProcessCommandRunner>(sp));
        services.TryAddSingleton<StateStore>();
        services.TryAddSingleton<Provisioner>();
        return services;
    }

    /// <summary>Adds the three consumers to a MassTransit registration.</summary>
    public static void AddProvisioningConsumers(this IRegistrationConfigurator bus)
    {
        foreach (var type in ConsumerTypes) bus.AddConsumer(type);
    }

    /// <summary>
    /// The standalone worker: <see cref="AddProvisioning"/>, reconciliation at start, and a RabbitMQ bus with one
    /// quorum queue <c>provisioning-&lt;location&gt;</c> bound to this location's messages only.
    /// </summary>
    public static HostApplicationBuilder AddProvisioningWorker(this HostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ProvisioningOptions.SectionName);
        builder.Services.AddProvisioning(section);
        // Before MassTransit's hosted service, so reconciliation finishes before the first message is consumed.
        builder.Services.AddHostedService<Reconciliation>();
        builder.Services.AddMassTransit(x =>
        {
            x.AddProvisioningConsumers();
            x.UsingRabbitMq((context, cfg) =>
            {
                var o = context.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
                cfg.Host(o.RabbitMq.Host, o.RabbitMq.Port, o.RabbitMq.VirtualHost, h =>
                {
                    h.Username(o.RabbitMq.Username);
                    h.Password(o.RabbitMq.Password);
                });
                cfg.ReceiveEndpoint(ProvisioningTopology.QueueName(o.Location), e =>
                {
                    e.SetQuorumQueue();
                    ProvisioningTopology.BindLocation(e, o.Location);
                    // A failing command (storage away, unknown user) is retried, then parked in the _error queue.
                    e.UseMessageRetry(r => r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)));
                    foreach (var type in ConsumerTypes) e.ConfigureConsumer(context, type);
                });
            });
        });
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        return builder;
    }
}
