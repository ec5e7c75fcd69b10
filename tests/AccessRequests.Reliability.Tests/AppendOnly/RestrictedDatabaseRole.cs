using AccessRequests.Testing;
using AccessRequests.Web.Tests;
using Npgsql;

namespace AccessRequests.Reliability.Tests.AppendOnly;

/// <summary>
/// The second wall, as README "Running with PostgreSQL" describes it: the schema's owner creates the tables, and the
/// service runs as a role that may only INSERT and SELECT events. Even with the triggers dropped (by their owner), that
/// role cannot change history; everything the service does still works.
/// </summary>
public sealed class RestrictedDatabaseRole : IAsyncLifetime
{
    private readonly string role = $"accessrequests_app_{Guid.NewGuid():N}"[..40];
    private readonly string password = Guid.NewGuid().ToString("N");
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "accessrequests-tests", Guid.NewGuid().ToString("N"));
    private PostgresDatabase? database;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        database = await PostgresDatabase.CreateAsync("restricted");
    }

    [Fact]
    public async Task the_service_runs_as_a_role_that_can_only_insert_and_read_events()
    {
        // The owner creates the schema (one start with its credentials), then grants the service's role what README says.
        await using (var owner = new ServiceFactory("postgres", dataDirectory, database!.ConnectionString))
        {
            (await owner.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }
        await Execute(database.ConnectionString, $"""
            CREATE ROLE {role} LOGIN PASSWORD '{password}';
            GRANT CONNECT ON DATABASE "{database.Name}" TO {role};
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON events FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            -- Only to show the grants hold on their own: without the triggers, the role is still refused.
            DROP TRIGGER events_no_update_or_delete ON events;
            DROP TRIGGER events_no_truncate ON events;
            """);
        var restricted = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = password }.ConnectionString;

        await using (var service = new ServiceFactory("postgres", dataDirectory, restricted,
            settings: new Dictionary<string, string> { ["AccessRequests:Store:CreateSchema"] = "false" }))
        {
            var researcher = await service.ClientFor("researcher");
            var id = await researcher.SubmittedApplication();
            (await researcher.Status(id)).ShouldBe("submitted");
            var admin = await service.ClientFor("admin");
            (await admin.PostAsync("/api/admin/rebuild-read-models", null)).EnsureSuccessStatusCode();
            (await researcher.Status(id)).ShouldBe("submitted");
        }

        var count = await Scalar(restricted, "SELECT count(*) FROM events");
        count.ShouldBeGreaterThan(3L);
        foreach (var statement in new[] { "UPDATE events SET type = 'x'", "DELETE FROM events", "TRUNCATE events" })
        {
            var error = await Should.ThrowAsync<PostgresException>(() => Execute(restricted, statement), statement);
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, statement);
        }
        (await Scalar(restricted, "SELECT count(*) FROM events")).ShouldBe(count);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
            await Execute(Environment.GetEnvironmentVariable(PostgresDatabase.AdminVariable)!, $"DROP ROLE IF EXISTS {role}");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
