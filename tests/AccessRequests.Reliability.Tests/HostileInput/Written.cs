using AccessRequests.EventStore;
using AccessRequests.Web.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>
/// What the store holds: its events (every change is an event). On PostgreSQL they are counted in the table itself:
/// the global read stops before any transaction still open anywhere (the relay's, a timer's), so it can lag a commit
/// that has happened, and a "nothing written" check on it could pass while something was.
/// </summary>
public static class Written
{
    public static async Task<long> Count(ServiceFactory service)
    {
        var configuration = service.Services.GetRequiredService<IConfiguration>();
        if (configuration["AccessRequests:Store:Provider"] != "postgres")
        {
            // SQLite serialises writers: the global read sees every commit.
            return (await All(service)).Count;
        }
        await using var connection = new NpgsqlConnection(configuration.GetConnectionString("Postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The events after the first <paramref name="count"/> the global read shows, as "stream type": what a failed check names.</summary>
    public static async Task<string> After(ServiceFactory service, long count) =>
        string.Join("; ", (await All(service)).Skip((int)count).Select(e => $"{e.StreamId} {e.Type}"));

    private static Task<IReadOnlyList<RecordedEvent>> All(ServiceFactory service) =>
        service.Services.GetRequiredService<IEventStore>().ReadAllAsync(GlobalCheckpoint.Start, int.MaxValue);
}
