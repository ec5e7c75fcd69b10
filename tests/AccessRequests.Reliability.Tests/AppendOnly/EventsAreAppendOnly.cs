using System.Data.Common;
using AccessRequests.EventStore;
using AccessRequests.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Reliability.Tests.AppendOnly;

/// <summary>
/// The events are the audit trail: through the store's own connection (the service's role, its credentials) an UPDATE,
/// a DELETE or a TRUNCATE of events fails with the schema's trigger and changes nothing, while appends and the
/// read-model rebuild go on working.
/// </summary>
public abstract class EventsAreAppendOnly(ServiceFixture fixture)
{
    private ServiceFactory Service => fixture.Service;

    /// <summary>The statements an attacker or a bug could use to rewrite history; PostgreSQL adds TRUNCATE.</summary>
    protected virtual IReadOnlyList<string> Rewrites =>
    [
        "UPDATE events SET type = 'application-approved' WHERE stream_version = 1",
        "UPDATE events SET data = metadata",
        "DELETE FROM events WHERE stream_version = 1",
        "DELETE FROM events",
    ];

    [Fact]
    public async Task updating_or_deleting_events_fails_and_changes_nothing_while_appends_and_rebuilds_go_on()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        var before = await Events();
        before.Count.ShouldBeGreaterThan(1);

        var refused = 0;
        foreach (var statement in Rewrites)
        {
            var error = await Should.ThrowAsync<DbException>(() => Execute(statement), statement);
            error.Message.ShouldContain("events are append-only", Case.Sensitive, statement);
            refused++;
        }
        refused.ShouldBe(Rewrites.Count);
        (await Events()).ShouldBe(before, "a refused statement changes no event");

        await researcher.Command(id, "accept-terms").Ok();
        var appended = await Events();
        appended.Count.ShouldBe(before.Count + 1, "appends still work");
        appended.Take(before.Count).ShouldBe(before);

        var admin = await Service.ClientFor("admin");
        (await admin.PostAsync("/api/admin/rebuild-read-models", null)).EnsureSuccessStatusCode();
        (await Events()).ShouldBe(appended, "the rebuild reads the events, never touches them");
        (await researcher.Status(id)).ShouldBe("draft");
    }

    /// <summary>Every event as text, in order: what a rewrite would have to change.</summary>
    private async Task<List<string>> Events()
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id, stream_id, stream_version, type, data, metadata FROM events ORDER BY global_position";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
        }
        return rows;
    }

    private async Task Execute(string sql)
    {
        await using var connection = await Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection the store itself would use: same data source, same role.</summary>
    private Task<DbConnection> Open() =>
        ((SqlEventStore)Service.Services.GetRequiredService<IEventStore>()).OpenConnectionAsync();
}

public sealed class SqliteEventsAreAppendOnly(SqliteServiceFixture fixture)
    : EventsAreAppendOnly(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class PostgresEventsAreAppendOnly(PostgresServiceFixture fixture)
    : EventsAreAppendOnly(fixture), IClassFixture<PostgresServiceFixture>
{
    protected override IReadOnlyList<string> Rewrites => [.. base.Rewrites, "TRUNCATE events", "TRUNCATE events CASCADE"];
}
