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
}

public sealed class RestartingOnSqlite(SqliteServiceFixture fixture) : Restarting(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class RestartingOnPostgres(PostgresServiceFixture fixture) : Restarting(fixture), IClassFixture<PostgresServiceFixture>;
