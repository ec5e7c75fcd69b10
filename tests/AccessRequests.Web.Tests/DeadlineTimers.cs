namespace AccessRequests.Web.Tests;

/// <summary>Deadlines and reminders come from the store's timer table; two service instances record each once.</summary>
public abstract class DeadlineTimers(ServiceFixture fixture)
{
    [Fact]
    public async Task two_instances_remind_once_and_record_the_passed_deadline_once()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var first = fixture.NewInstance(settings: TimerPolling.Fast, clock: clock);
        await using var second = fixture.NewInstance(settings: TimerPolling.Fast, clock: clock);
        var researcher = await first.ClientFor("researcher");
        var id = await researcher.SubmittedApplication();
        var steward = await second.ClientFor("steward");
        (await steward.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("overdue").GetBoolean().ShouldBeFalse();

        clock.Advance(TimeSpan.FromDays(80));
        await TimerPolling.Eventually(async () => (await steward.EventTypes(id)).Contains("deadline-reminded"));

        clock.Advance(TimeSpan.FromDays(11));
        await TimerPolling.Eventually(async () => (await steward.EventTypes(id)).Contains("deadline-passed"));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var history = await steward.EventTypes(id);
        history.Count(t => t == "deadline-reminded").ShouldBe(1);
        history.Count(t => t == "deadline-passed").ShouldBe(1);
        var application = await steward.Get($"/api/applications/{id}");
        application.GetProperty("review").GetProperty("overdue").GetBoolean().ShouldBeTrue();
        (await steward.Get("/api/applications?view=todo")).EnumerateArray()
            .Single(a => a.GetProperty("id").GetGuid() == id).GetProperty("overdue").GetBoolean().ShouldBeTrue();
    }
}

public sealed class DeadlineTimersOnSqlite(SqliteServiceFixture fixture) : DeadlineTimers(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class DeadlineTimersOnPostgres(PostgresServiceFixture fixture) : DeadlineTimers(fixture), IClassFixture<PostgresServiceFixture>;
