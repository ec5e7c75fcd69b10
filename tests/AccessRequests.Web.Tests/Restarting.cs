using AccessRequests.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests;

/// <summary>A class of its own: it leaves an unreadable event in its store on purpose.</summary>
public abstract class Restarting(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task after_a_restart_everything_is_there_and_startup_replays_no_history()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();

        // An event no code could read: a start that replayed history would fail on it.
        var store = Service.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(
            [new StreamAppend($"application-{Guid.NewGuid()}", "application", 0, [new EventData(Guid.NewGuid(), "application-created", "\"unreadable\"", "{}")])],
            []);

        await using var restarted = fixture.NewInstance();
        var again = await restarted.ClientFor("researcher");
        (await again.Get("/health/ready")).GetProperty("status").GetString().ShouldBe("ready");
        var application = await again.Get($"/api/applications/{id}");
        application.GetProperty("title").GetString().ShouldBe("Rare variants in Danish epilepsy patients");
        (await again.EventTypes(id)).ShouldBe(["application-created", "draft-saved"]);
        (await again.Get("/api/datasets")).GetArrayLength().ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task a_node_decides_on_what_another_node_wrote_since_its_own_last_command()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", new { title = "Written here" }, ifMatch: "\"1\"").Ok(); // this node keeps version 2

        await using (var other = fixture.NewInstance())
        {
            var there = await other.ClientFor("researcher");
            await there.Command(id, "save-draft", new { title = "Written on the other node" }, ifMatch: "\"2\"").Ok();
        }

        // Deciding on its own version 2 would refuse If-Match 3 (412) or lose the other node's change.
        await researcher.Command(id, "save-draft", new { title = "Written here again" }, ifMatch: "\"3\"").Ok();
        await researcher.Command(id, "save-draft", new { title = "Stale" }, ifMatch: "\"3\"").Problem(System.Net.HttpStatusCode.PreconditionFailed);
        (await researcher.EventTypes(id)).ShouldBe(["application-created", "draft-saved", "draft-saved", "draft-saved"]);
    }
}

public sealed class RestartingOnSqlite(SqliteServiceFixture fixture) : Restarting(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class RestartingOnPostgres(PostgresServiceFixture fixture) : Restarting(fixture), IClassFixture<PostgresServiceFixture>;
