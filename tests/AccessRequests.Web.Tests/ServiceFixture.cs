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

    /// <summary>Configuration of the fixture's own service beyond the tests' defaults (none: the defaults).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>Another process of the service on the same store and data folder (a restart, a second node).</summary>
    public ServiceFactory NewInstance(string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null) =>
        new(Provider, dataDirectory, PostgresConnectionString, environment, settings, clock);

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        service = NewInstance(settings: Settings);
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
