using Npgsql;

namespace AccessRequests.Testing;

/// <summary>
/// A new, empty database on the test cluster named by <see cref="AdminVariable"/>; dropped on dispose, even if
/// connections to it are still open. Schemas inside it (<see cref="CreateSchemaAsync"/>) isolate single tests cheaply.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string AdminVariable = "ACCESSREQUESTS_TEST_POSTGRES";

    private readonly string adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <param name="prefix">Shows in the database's name which suite made it (lower-case letters, digits, _).</param>
    public static async Task<PostgresDatabase> CreateAsync(string prefix = "test")
    {
        var admin = Environment.GetEnvironmentVariable(AdminVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{AdminVariable} is not set, so there is no PostgreSQL to test against. " +
                "Run the tests with tests/run.sh, which starts a throwaway PostgreSQL and sets it " +
                "(or eval \"$(tests/infra/postgres.sh start)\" first).");
        }
        var database = new PostgresDatabase(admin, $"{Identifier(prefix)}_{Guid.NewGuid():N}");
        await database.ExecuteAsync(admin, $"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>A new schema in this database; the connection string it returns uses that schema only.</summary>
    public async Task<string> CreateSchemaAsync(string prefix = "s")
    {
        var schema = $"{Identifier(prefix)}_{Guid.NewGuid():N}";
        await ExecuteAsync(ConnectionString, $"CREATE SCHEMA \"{schema}\"");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }
        await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Identifier(string prefix) =>
        prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') && prefix.Length is > 0 and < 20
            ? prefix
            : throw new ArgumentException("Use up to 19 lower-case letters, digits or _.", nameof(prefix));
}
