namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    private const string Relay = "outbox-relay";

    [Fact]
    public async Task the_first_to_ask_leads_and_the_next_gets_the_duty_only_once_the_first_steps_down()
    {
        var other = OpenStore();

        await using var first = await Store.TryAcquireLeadershipAsync(Relay);
        first.ShouldNotBeNull();
        (await first.IsHeldAsync()).ShouldBeTrue();
        (await other.TryAcquireLeadershipAsync(Relay)).ShouldBeNull();
        (await Store.TryAcquireLeadershipAsync(Relay)).ShouldBeNull("the same instance asking again does not lead twice");

        await first.DisposeAsync();

        (await first.IsHeldAsync()).ShouldBeFalse();
        await using var second = await other.TryAcquireLeadershipAsync(Relay);
        second.ShouldNotBeNull();
        (await second.IsHeldAsync()).ShouldBeTrue();
        (await Store.TryAcquireLeadershipAsync(Relay)).ShouldBeNull();
    }

    [Fact]
    public async Task disposing_a_handle_again_does_not_release_the_next_holders_duty()
    {
        var first = (await Store.TryAcquireLeadershipAsync(Relay)).ShouldNotBeNull();
        await first.DisposeAsync();
        await using var second = (await OpenStore().TryAcquireLeadershipAsync(Relay)).ShouldNotBeNull();

        await first.DisposeAsync();

        (await Store.TryAcquireLeadershipAsync(Relay)).ShouldBeNull();
        (await second.IsHeldAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task duties_and_databases_are_led_independently()
    {
        await using var relay = (await Store.TryAcquireLeadershipAsync(Relay)).ShouldNotBeNull();

        await using var timers = await OpenStore().TryAcquireLeadershipAsync("timers");
        await using var elsewhere = await OpenStore(await NewDatabaseAsync()).TryAcquireLeadershipAsync(Relay);

        timers.ShouldNotBeNull();
        elsewhere.ShouldNotBeNull("a store on another database has a relay of its own");
        relay.Duty.ShouldBe(Relay);
    }

    [Fact]
    public async Task of_eight_instances_asking_at_once_exactly_one_leads()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => OpenStore()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asking = stores.Select(store => Task.Run(async () =>
        {
            await start.Task;
            return await store.TryAcquireLeadershipAsync(Relay);
        })).ToList();
        start.SetResult();

        var handles = await Task.WhenAll(asking);

        handles.OfType<ILeadership>().Count().ShouldBe(1);
        foreach (var handle in handles.OfType<ILeadership>())
        {
            await handle.DisposeAsync();
        }
    }

    [Fact]
    public async Task a_duty_needs_a_name()
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.TryAcquireLeadershipAsync(" "));
    }
}
