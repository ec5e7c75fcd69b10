using Npgsql;

namespace AccessRequests.EventStore;

/// <summary>The event store on PostgreSQL (13 or later: it relies on xid8 and pg_current_snapshot).</summary>
public sealed class PostgresEventStore : SqlEventStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource? ownedDataSource;

    /// <summary>A store with its own connection pool (<see cref="CreateDataSource"/>), released by <see cref="DisposeAsync"/>.</summary>
    public PostgresEventStore(string connectionString)
        : this(CreateDataSource(connectionString), owned: true)
    {
    }

    /// <summary>
    /// A connection pool as the store wants it. Unless the connection string says otherwise, statements that recur
    /// (an append's, a stream read's) are prepared on each connection after their second use, so PostgreSQL parses
    /// and plans them once per connection instead of on every call; and a connection going back to the pool is not
    /// reset (RESET ALL, CLOSE ALL, UNLISTEN... parsed by the server on every reuse): the store leaves no session
    /// state behind (its one session lock, <see cref="PostgresLeadership"/>, is unlocked before its connection goes back).
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 100;
            settings.AutoPrepareMinUsages = 2;
        }
        if (!Mentions(connectionString, nameof(settings.NoResetOnClose)))
        {
            settings.NoResetOnClose = true;
        }
        return NpgsqlDataSource.Create(settings);
    }

    /// <summary>True when the connection string sets the setting (by any of its spellings: "No Reset On Close", "NoResetOnClose"...).</summary>
    private static bool Mentions(string connectionString, string setting) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals(setting, StringComparison.OrdinalIgnoreCase));

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
