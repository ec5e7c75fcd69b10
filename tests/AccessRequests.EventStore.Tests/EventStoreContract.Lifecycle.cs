namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task initializing_again_is_harmless_and_keeps_the_data()
    {
        var timer = new ScheduledTimer("deadline:s", "s", "deadline", new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero), "{}");
        await Store.AppendAsync([NewStream("s")],
            [new ReadModelWrite.UpsertDocument("d", "1", "{}"), new ReadModelWrite.ScheduleTimer(timer)]);

        await Store.InitializeAsync();
        await Store.InitializeAsync();

        (await Store.ReadStreamAsync("s")).Version.ShouldBe(1);
        (await Store.GetDocumentAsync("d", "1")).ShouldNotBeNull();
        (await Store.ListTimersAsync("s")).ShouldBe([timer]);
    }

    [Fact]
    public async Task the_data_survives_a_restart()
    {
        await Store.AppendAsync([NewStream("s")], [new ReadModelWrite.UpsertDocument("d", "1", "{}")]);
        await Store.ProcessAsync("consumer", 10, (_, _, _) => Task.CompletedTask);
        var before = await Store.ReadAllAsync(GlobalCheckpoint.Start, 10);

        var restarted = OpenStore();
        await restarted.InitializeAsync();

        (await restarted.ReadStreamAsync("s")).Events.Select(e => e.EventId).ShouldBe(before.Select(e => e.EventId));
        (await restarted.GetDocumentAsync("d", "1")).ShouldNotBeNull();
        (await restarted.GetCheckpointAsync("consumer")).ShouldBe(before[^1].Checkpoint);
        await restarted.AppendAsync([Continue("s", 1), NewStream("t")], []);
        var after = await restarted.ReadAllAsync(before[^1].Checkpoint, 10);
        after.Select(e => (e.StreamId, e.StreamVersion)).ShouldBe([("s", 2L), ("t", 1L)]);
    }

    [Fact]
    public async Task two_stores_initializing_a_new_database_at_once_both_succeed()
    {
        var connectionString = await NewDatabaseAsync();
        var first = OpenStore(connectionString);
        var second = OpenStore(connectionString);

        await Task.WhenAll(Task.Run(() => first.InitializeAsync()), Task.Run(() => second.InitializeAsync()));

        (await first.AppendAsync([NewStream("s")], [])).ShouldBe([1L]);
        (await second.ReadStreamAsync("s")).Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_reachable_database_says_so_and_an_unreachable_one_says_no()
    {
        (await Store.IsReachableAsync()).ShouldBeTrue();

        var unreachable = OpenUnreachable();
        opened.Add(unreachable);
        (await unreachable.IsReachableAsync()).ShouldBeFalse();
    }
}
