using AccessRequests.EventStore;

namespace AccessRequests.Web.Hosting;

public static class StoreSetup
{
    /// <summary>The event store the configuration names: SQLite under the data folder (default) or PostgreSQL.</summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, IConfiguration configuration, ServiceOptions options)
    {
        switch (options.Store.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var file = options.DataPath("accessrequests.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                services.AddSingleton<IEventStore>(new SqliteEventStore($"Data Source={file}"));
                break;
            case "postgres":
                var connectionString = configuration.GetConnectionString("Postgres");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("AccessRequests:Store:Provider is 'postgres' but ConnectionStrings:Postgres is not set.");
                }
                services.AddSingleton<IEventStore>(new PostgresEventStore(connectionString));
                break;
            default:
                throw new InvalidOperationException($"AccessRequests:Store:Provider must be 'sqlite' or 'postgres', not '{options.Store.Provider}'.");
        }
        return services;
    }
}
