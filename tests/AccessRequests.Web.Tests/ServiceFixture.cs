using AccessRequests.Testing;

namespace AccessRequests.Web.Tests;

/// <summary>One running service per test class, on a store nobody else uses.</summary>
public abstract class ServiceFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private ServiceFactory? service;

    public ServiceFactory Service => service ?? throw new InvalidOperationException("The fixture has not started.");

    protected abstract string Provider { get; }

    protected virtual string? PostgresConnectionString => null;

    /// <summary>Configuration every instance of this fixture's service gets (a test's own settings win).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>The clock of the fixture's own service (null: the system's).</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>Another process of the service on the same store and data folder (a restart, a second node).</summary>
    public ServiceFactory NewInstance(string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) =>
        new(Provider, dataDirectory, PostgresConnectionString, environment,
            Settings.Concat(settings ?? new Dictionary<string, string>()).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value), clock);

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        await StartAsync();
    }

    /// <summary>Stops the service and starts it again on the same store and data folder.</summary>
    public async Task RestartAsync()
    {
        await service!.DisposeAsync();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        service = NewInstance(clock: Clock);
        using var client = service.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public virtual async Task DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

public class SqliteServiceFixture : ServiceFixture
{
    protected override string Provider => "sqlite";
}

public class PostgresServiceFixture : ServiceFixture
{
    private PostgresDatabase? database;

    protected override string Provider => "postgres";

    protected override string? PostgresConnectionString => database?.ConnectionString;

    public override async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
