using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

/// <summary>
/// What every <see cref="IEventStore"/> promises. Each database runs all of it (see the subclasses); each test
/// gets an empty database of its own, so a global read sees only the test's events.
/// </summary>
public abstract partial class EventStoreContract : IAsyncLifetime
{
    private readonly List<SqlEventStore> opened = [];

    protected string ConnectionString { get; private set; } = "";

    protected SqlEventStore Store { get; private set; } = null!;

    /// <summary>True when a writer waits for another's commit (SQLite); false when they overlap (PostgreSQL).</summary>
    protected abstract bool WritersAreSerialised { get; }

    /// <summary>An empty database for one test; returns its connection string.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    protected abstract SqlEventStore Open(string connectionString);

    /// <summary>A store whose database cannot be reached.</summary>
    protected abstract SqlEventStore OpenUnreachable();

    protected virtual ValueTask DropDatabaseAsync() => ValueTask.CompletedTask;

    public async Task InitializeAsync()
    {
        ConnectionString = await NewDatabaseAsync();
        Store = OpenStore();
        await Store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            switch (store)
            {
                case IAsyncDisposable disposable:
                    await disposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        await DropDatabaseAsync();
    }

    /// <summary>Another store instance on the test's database, as after a restart or in a second process.</summary>
    protected SqlEventStore OpenStore(string? connectionString = null)
    {
        var store = Open(connectionString ?? ConnectionString);
        opened.Add(store);
        return store;
    }

    protected static StreamAppend NewStream(string streamId, params EventData[] events) =>
        new(streamId, "test", 0, events.Length == 0 ? [Event("happened", new { streamId })] : events);

    protected static StreamAppend Continue(string streamId, long expectedVersion, params EventData[] events) =>
        new(streamId, "test", expectedVersion, events.Length == 0 ? [Event("happened", new { streamId })] : events);

    /// <summary>Appends to an application stream with the inline read models that <see cref="TestApplications"/> projects.</summary>
    protected async Task<long> AppendApplicationAsync(Guid id, long expectedVersion, params EventData[] events)
    {
        var history = await Store.ReadStreamAsync(StreamId(id));
        var writes = Project(StreamId(id), [.. history.Events.Select(e => (e.Type, e.Data)), .. events.Select(e => (e.Type, e.Data))]);
        var versions = await Store.AppendAsync([new StreamAppend(StreamId(id), StreamType, expectedVersion, events)], [.. writes]);
        return versions[0];
    }

    protected static Participant P(string userId, string relation) => new(userId, relation);

    protected static ReadModelWrite.UpsertApplication Upsert(ApplicationRow row) => new(row);

    protected static ApplicationRow Row(Guid id, DateTimeOffset updatedAt, DateTimeOffset? deadline = null, params Participant[] participants) =>
        new(id, "alice", "draft", "A title", 1, T0, updatedAt, null, deadline, """{"note":"x"}""", participants);
}
