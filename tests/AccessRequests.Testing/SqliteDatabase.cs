using Microsoft.Data.Sqlite;

namespace AccessRequests.Testing;

/// <summary>A new SQLite file in the temp folder; deleted on dispose, with its WAL and shared-memory files.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private SqliteDatabase(string path)
    {
        FilePath = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public static SqliteDatabase Create(string prefix = "test")
    {
        var folder = Path.Combine(Path.GetTempPath(), "accessrequests-tests");
        Directory.CreateDirectory(folder);
        return new SqliteDatabase(Path.Combine(folder, $"{prefix}-{Guid.NewGuid():N}.db"));
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; close them first.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }
    }
}
