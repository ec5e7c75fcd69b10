using Npgsql;

namespace AccessRequests.EventStore;

/// <summary>The event store on PostgreSQL (13 or later: it relies on xid8 and pg_current_snapshot).</summary>
public sealed class PostgresEventStore : SqlEventStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource? ownedDataSource;

    /// <summary>A store with its own connection pool, released by <see cref="DisposeAsync"/>.</summary>
    public PostgresEventStore(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString), owned: true)
    {
    }

    /// <summary>A store on the caller's data source, which the caller disposes.</summary>
    public PostgresEventStore(NpgsqlDataSource dataSource)
        : this(dataSource, owned: false)
    {
    }

    private PostgresEventStore(NpgsqlDataSource dataSource, bool owned)
        : base(new PostgresDialect(dataSource)) =>
        ownedDataSource = owned ? dataSource : null;

    public ValueTask DisposeAsync() => ownedDataSource?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => ownedDataSource?.Dispose();
}
