using Npgsql;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>What the fault tests read straight from the store's tables, and how they wait for it.</summary>
internal static class EventLog
{
    /// <summary>The ids of the events of these types (an event's id is its message id on the bus).</summary>
    public static async Task<HashSet<Guid>> EventIdsAsync(string connectionString, params string[] types)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id FROM events WHERE type = ANY($1)", connection) { Parameters = { new() { Value = types } } };
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Checks every 200 ms until <paramref name="done"/> holds: true, or false when <paramref name="within"/> ran out first.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (!await done())
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(200);
        }
        return true;
    }

    public static Task<bool> UntilAsync(Func<bool> done, TimeSpan within) => UntilAsync(() => Task.FromResult(done()), within);
}
