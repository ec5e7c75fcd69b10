using System.Collections.Concurrent;
using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task a_timer_scheduled_with_an_append_is_listed_for_its_stream()
    {
        var deadline = DueTimer("deadline:s", "s", T0.AddDays(14), """{"step":"review"}""");

        await Store.AppendAsync([NewStream("s")], [Schedule(deadline), Schedule(DueTimer("other", "t", T0))]);

        var listed = (await Store.ListTimersAsync("s")).ShouldHaveSingleItem();
        (listed with { Payload = "" }).ShouldBe(deadline with { Payload = "" });
        listed.Payload.ShouldBeJson(deadline.Payload);
        (await Store.ListTimersAsync("nothing")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_refused_append_schedules_nothing()
    {
        await Store.AppendAsync([NewStream("s")], []);

        await Should.ThrowAsync<ConcurrencyException>(() =>
            Store.AppendAsync([NewStream("s")], [Schedule(DueTimer("deadline:s", "s", T0))]));

        (await Store.ListTimersAsync("s")).ShouldBeEmpty();
        (await Store.ClaimDueTimersAsync(T0.AddYears(1), 10, Lease)).ShouldBeEmpty();
    }

    [Fact]
    public async Task scheduling_a_timer_again_moves_it_and_cancelling_removes_it()
    {
        await Store.AppendAsync([NewStream("s")],
            [Schedule(DueTimer("deadline:s", "s", T0.AddDays(14))), Schedule(DueTimer("reminder:s", "s", T0.AddDays(7)))]);

        await Store.AppendAsync([Continue("s", 1)], [Schedule(DueTimer("deadline:s", "s", T0.AddDays(3), """{"n":2}"""))]);
        (await Store.ListTimersAsync("s")).Select(t => (t.Id, t.DueAt)).ShouldBe(
            [("deadline:s", T0.AddDays(3)), ("reminder:s", T0.AddDays(7))]);

        await Store.AppendAsync([Continue("s", 2)], [new ReadModelWrite.CancelTimer("deadline:s"), new ReadModelWrite.CancelTimer("never-there")]);
        (await Store.ListTimersAsync("s")).Select(t => t.Id).ShouldBe(["reminder:s"]);
        (await Store.ClaimDueTimersAsync(T0.AddDays(5), 10, Lease)).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_last_timer_write_of_an_append_wins()
    {
        await Store.AppendAsync([NewStream("s")],
        [
            Schedule(DueTimer("a", "s", T0)),
            new ReadModelWrite.CancelTimer("a"),
            new ReadModelWrite.CancelTimer("b"),
            Schedule(DueTimer("b", "s", T0.AddDays(1))),
            Schedule(DueTimer("b", "s", T0.AddDays(2))),
        ]);

        (await Store.ListTimersAsync("s")).Select(t => (t.Id, t.DueAt)).ShouldBe([("b", T0.AddDays(2))]);
    }

    [Fact]
    public async Task a_claim_returns_only_due_timers_earliest_first_and_at_most_max()
    {
        await Store.AppendAsync([NewStream("s")],
        [
            Schedule(DueTimer("c", "s", T0.AddMinutes(3))),
            Schedule(DueTimer("later", "s", T0.AddHours(1).AddMinutes(1))),
            Schedule(DueTimer("a", "s", T0.AddMinutes(1))),
            Schedule(DueTimer("exactly-now", "s", T0.AddHours(1))),
            Schedule(DueTimer("b", "s", T0.AddMinutes(2))),
        ]);
        var now = T0.AddHours(1);

        var first = await Store.ClaimDueTimersAsync(now, 2, Lease);
        var rest = await Store.ClaimDueTimersAsync(now, 10, Lease);

        first.Select(t => t.Id).ShouldBe(["a", "b"]);
        rest.Select(t => t.Id).ShouldBe(["c", "exactly-now"]);
        (await Store.ClaimDueTimersAsync(now, 10, Lease)).ShouldBeEmpty();
        (await Store.ClaimDueTimersAsync(now.AddMinutes(1), 10, Lease)).Select(t => t.Id).ShouldBe(["later"]);
    }

    [Fact]
    public async Task a_claimed_timer_is_not_claimed_again_until_its_lease_runs_out()
    {
        var timer = DueTimer("deadline:s", "s", T0);
        await Store.AppendAsync([NewStream("s")], [Schedule(timer)]);
        var now = T0.AddMinutes(1);

        (await Store.ClaimDueTimersAsync(now, 10, Lease)).ShouldBe([timer]);
        (await OpenStore().ClaimDueTimersAsync(now + Lease - TimeSpan.FromSeconds(1), 10, Lease)).ShouldBeEmpty();

        // The claimer died without completing it: after the lease another claimer gets it.
        (await OpenStore().ClaimDueTimersAsync(now + Lease, 10, Lease)).ShouldBe([timer]);
        (await Store.ListTimersAsync("s")).ShouldBe([timer]);
    }

    [Fact]
    public async Task completing_a_claimed_timer_deletes_it()
    {
        await Store.AppendAsync([NewStream("s")], [Schedule(DueTimer("deadline:s", "s", T0)), Schedule(DueTimer("other:s", "s", T0))]);
        var claimed = await Store.ClaimDueTimersAsync(T0, 1, Lease);

        await Store.CompleteTimerAsync(claimed.ShouldHaveSingleItem());

        (await Store.ListTimersAsync("s")).Select(t => t.Id).ShouldBe(["other:s"]);
        (await Store.ClaimDueTimersAsync(T0.AddYears(1), 10, Lease)).Select(t => t.Id).ShouldBe(["other:s"]);
    }

    [Fact]
    public async Task completing_a_timer_that_was_rescheduled_meanwhile_leaves_the_new_schedule()
    {
        await Store.AppendAsync([NewStream("s")], [Schedule(DueTimer("deadline:s", "s", T0))]);
        var claimed = (await Store.ClaimDueTimersAsync(T0, 10, Lease)).ShouldHaveSingleItem();
        var moved = DueTimer("deadline:s", "s", T0.AddMinutes(30), """{"extended":true}""");
        await Store.AppendAsync([Continue("s", 1)], [Schedule(moved)]);

        await Store.CompleteTimerAsync(claimed);

        var left = (await Store.ListTimersAsync("s")).ShouldHaveSingleItem();
        (left.Id, left.DueAt).ShouldBe((moved.Id, moved.DueAt));
        left.Payload.ShouldBeJson(moved.Payload);
        // The move ended the old lease, so the new schedule fires when due, not when that lease runs out.
        (await Store.ClaimDueTimersAsync(T0.AddMinutes(30), 10, Lease)).Select(t => t.DueAt).ShouldBe([moved.DueAt]);
    }

    [Fact]
    public async Task scheduling_a_claimed_timer_again_unchanged_keeps_its_lease()
    {
        // Projections may schedule the same timer on every append; that must not hand it to a second claimer.
        var timer = DueTimer("deadline:s", "s", T0);
        await Store.AppendAsync([NewStream("s")], [Schedule(timer)]);
        var claimed = (await Store.ClaimDueTimersAsync(T0, 10, Lease)).ShouldHaveSingleItem();

        await Store.AppendAsync([Continue("s", 1)], [Schedule(timer)]);

        (await Store.ClaimDueTimersAsync(T0.AddMinutes(1), 10, Lease)).ShouldBeEmpty();
        await Store.CompleteTimerAsync(claimed);
        (await Store.ListTimersAsync("s")).ShouldBeEmpty();
    }

    [Fact]
    public async Task four_claimers_polling_at_once_claim_every_timer_exactly_once()
    {
        var timers = Enumerable.Range(0, 100).Select(i => Schedule(DueTimer($"t{i:000}", "s", T0.AddSeconds(i % 10))));
        await Store.AppendAsync([NewStream("s")], [.. timers]);
        var claims = new ConcurrentBag<(int Claimer, string Id)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Four instances, each with its own connection pool, claiming small batches until nothing is left.
        var claimers = Enumerable.Range(0, 4).Select(claimer =>
        {
            var store = OpenStore();
            return Task.Run(async () =>
            {
                await start.Task;
                while (await store.ClaimDueTimersAsync(T0.AddMinutes(1), 3, Lease) is { Count: > 0 } batch)
                {
                    foreach (var timer in batch)
                    {
                        claims.Add((claimer, timer.Id));
                    }
                }
            });
        }).ToList();
        start.SetResult();
        await Task.WhenAll(claimers);

        claims.Select(c => c.Id).Order(StringComparer.Ordinal)
            .ShouldBe(Enumerable.Range(0, 100).Select(i => $"t{i:000}"), "every timer once: none twice, none missed");
    }

    [Fact]
    public async Task a_rebuild_neither_deletes_nor_replays_timers()
    {
        var id = Guid.CreateVersion7();
        var kept = DueTimer("reminder", StreamId(id), T0.AddDays(7));
        var fired = DueTimer("deadline", StreamId(id), T0);
        await Store.AppendAsync([new StreamAppend(StreamId(id), StreamType, 0, [Opened("alice", "A", T0)])],
            [Schedule(kept), Schedule(fired)]);
        await Store.CompleteTimerAsync((await Store.ClaimDueTimersAsync(T0, 10, Lease)).ShouldHaveSingleItem());

        // A projection that schedules timers, as an inline one would.
        await Store.RebuildReadModelsAsync(events =>
            [.. Project(events), Schedule(fired), Schedule(kept with { DueAt = T0.AddDays(1) }), new ReadModelWrite.CancelTimer("reminder")]);

        (await Store.ListTimersAsync(StreamId(id))).ShouldBe([kept]);
        (await Store.GetApplicationAsync(id)).ShouldNotBeNull();
    }

    private static ScheduledTimer DueTimer(string id, string streamId, DateTimeOffset dueAt, string payload = "{}") =>
        new(id, streamId, id.Split(':')[0], dueAt, payload);

    private static ReadModelWrite.ScheduleTimer Schedule(ScheduledTimer timer) => new(timer);
}
