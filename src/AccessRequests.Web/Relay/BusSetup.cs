using AccessRequests.Provisioning;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;
using MassTransit;

namespace AccessRequests.Web.Relay;

public static class BusSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ (grant messages to each location's direct exchange, routing key = location), or in memory
    /// with the reference provisioning worker consuming inside the service, against folders under the data folder.
    /// </summary>
    public static IServiceCollection AddGrantBus(this IServiceCollection services, IConfiguration configuration, ServiceOptions options)
    {
        var rabbit = options.Bus.Transport.ToLowerInvariant() switch
        {
            "rabbitmq" => true,
            "inmemory" => false,
            _ => throw new InvalidOperationException($"AccessRequests:Bus:Transport must be 'inmemory' or 'rabbitmq', not '{options.Bus.Transport}'."),
        };
        if (!rabbit)
        {
            services.AddProvisioning(EmbeddedWorker(configuration, options));
        }
        services.AddMassTransit(x =>
        {
            if (rabbit)
            {
                x.UsingRabbitMq((_, cfg) =>
                {
                    var r = options.Bus.RabbitMq;
                    cfg.Host(r.Host, r.Port, r.VirtualHost, h =>
                    {
                        h.Username(r.Username);
                        h.Password(r.Password);
                    });
                    ProvisioningTopology.ConfigurePublish(cfg);
                });
            }
            else
            {
                x.AddProvisioningConsumers();
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        services.AddSingleton<RelaySignal>();
        services.AddSingleton<GrantRelay>();
        services.AddHostedService(s => s.GetRequiredService<GrantRelay>());
        return services;
    }

    /// <summary>
    /// With the embedded worker: a folder for each catalogued dataset of its location, standing in for the data on
    /// the HPC, so granting has something to open.
    /// </summary>
    public static async Task PrepareEmbeddedWorkerAsync(IServiceProvider services, ServiceOptions options)
    {
        if (!options.Bus.Transport.Equals("inmemory", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        var worker = services.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
        foreach (var dataset in await services.GetRequiredService<CatalogueStore>().ListDatasetsAsync(CancellationToken.None))
        {
            if (dataset.Location == worker.Location)
            {
                Directory.CreateDirectory(Path.Combine(worker.DatasetRoot, dataset.Id));
            }
        }
    }

    /// <summary>
    /// The embedded worker's settings: the <c>Provisioning</c> section where given, else one location (<c>ngc-hpc</c>) under
    /// the data folder, in dry-run (the demo users are no local users: it logs the setfacl and ln commands it would run).
    /// </summary>
    private static IConfiguration EmbeddedWorker(IConfiguration configuration, ServiceOptions options) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Location"] = "ngc-hpc",
                ["DatasetRoot"] = options.DataPath("provisioning", "datasets"),
                ["UserRoot"] = options.DataPath("provisioning", "users"),
                ["StateDirectory"] = options.DataPath("provisioning", "state"),
                ["DryRun"] = "true",
            })
            .AddConfiguration(configuration.GetSection("Provisioning"))
            .Build();
}
