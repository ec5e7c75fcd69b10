using AccessRequests.Testing;

namespace AccessRequests.Web.Tests;

/// <summary>A PostgreSQL database and a RabbitMQ vhost of the class's own: the production-like stack.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private PostgresDatabase? database;

    public TestRabbitMq Rabbit { get; } = TestRabbitMq.FromEnvironment();

    public string VirtualHost { get; } = $"web-{Guid.NewGuid():N}";

    public ServiceFactory NewInstance(TimeProvider clock) => new("postgres", dataDirectory, database!.ConnectionString, "Development",
        new Dictionary<string, string>
        {
            ["AccessRequests:Bus:Transport"] = "rabbitmq",
            ["AccessRequests:Bus:RabbitMq:Host"] = Rabbit.Host,
            ["AccessRequests:Bus:RabbitMq:Port"] = Rabbit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AccessRequests:Bus:RabbitMq:Username"] = Rabbit.Username,
            ["AccessRequests:Bus:RabbitMq:Password"] = Rabbit.Password,
            ["AccessRequests:Bus:RabbitMq:VirtualHost"] = VirtualHost,
            ["AccessRequests:Bus:RelayPollSeconds"] = "0.1",
            ["AccessRequests:Timers:PollSeconds"] = "0.2",
        },
        clock);

    /// <summary>
    /// The broker is away for the service: its user loses its rights on this vhost and the service's connections are
    /// closed (the independent consumer's stays, as a consumer elsewhere would).
    /// </summary>
    public async Task CutOffAsync()
    {
        await Rabbit.CtlAsync("clear_permissions", "-p", VirtualHost, Rabbit.Username);
        var connections = await Rabbit.CtlAsync("list_connections", "-q", "--no-table-headers", "vhost", "pid", "client_properties");
        foreach (var line in connections.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t', 3, StringSplitOptions.TrimEntries);
            if (parts.Length == 3 && parts[0] == VirtualHost && !parts[2].Contains(IndependentConsumer.ConnectionName, StringComparison.Ordinal))
            {
                await Tool.TryRunAsync(Rabbit.Ctl, "close_connection", parts[1], "test: broker outage");
            }
        }
    }

    public Task RestoreAsync() => Rabbit.CtlAsync("set_permissions", "-p", VirtualHost, Rabbit.Username, ".*", ".*", ".*");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        database = await PostgresDatabase.CreateAsync();
        await Rabbit.CreateVhostAsync(VirtualHost);
    }

    public async Task DisposeAsync()
    {
        await Rabbit.DeleteVhostAsync(VirtualHost);
        if (database is not null)
        {
            await database.DisposeAsync();
        }
        Directory.Delete(dataDirectory, recursive: true);
    }
}
