using AccessRequests.EventStore;

namespace AccessRequests.Web.Hosting;

public static class StoreSetup
{
    /// <summary>
    /// The event store the configuration names: SQLite under the data folder (default) or PostgreSQL. The same
    /// instance is the <see cref="INotificationStore"/>, since the notification consumer writes through the transaction
    /// of its checkpoint, which this store began. Registered as an instance, so the container does not dispose it.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, IConfiguration configuration, ServiceOptions options)
    {
        var store = Create(configuration, options);
        services.AddSingleton<IEventStore>(store);
        services.AddSingleton<INotificationStore>(store);
        return services;
    }

    private static SqlEventStore Create(IConfiguration configuration, ServiceOptions options)
    {
        switch (options.Store.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var file = options.DataPath("accessrequests.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return new SqliteEventStore($"Data Source={file}");
            case "postgres":
                var connectionString = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("AccessRequests:Store:Provider is 'postgres' but ConnectionStrings:Postgres is not set.");
                }
                return new PostgresEventStore(connectionString);
            default:
                throw new InvalidOperationException($"AccessRequests:Store:Provider must be 'sqlite' or 'postgres', not '{options.Store.Provider}'.");
        }
    }
}
