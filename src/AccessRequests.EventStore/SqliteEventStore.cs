using Microsoft.Data.Sqlite;

namespace AccessRequests.EventStore;

/// <summary>
/// The event store in one SQLite file, for embedded mode: WAL journal, writers serialised by BEGIN IMMEDIATE and
/// made to wait (busy timeout = the connection string's Default Timeout, 30 s unless set) rather than fail.
/// </summary>
public sealed class SqliteEventStore(string connectionStringOrPath)
    : SqlEventStore(new SqliteDialect(ToConnectionString(connectionStringOrPath))), IDisposable
{
    private readonly string connectionString = ToConnectionString(connectionStringOrPath);

    /// <summary>Closes the pooled connections, so the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A connection string ("Data Source=...;...") is taken as it is; anything else is a file path.</summary>
    private static string ToConnectionString(string connectionStringOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        return connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath).ToString()
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath }.ToString();
    }
}
