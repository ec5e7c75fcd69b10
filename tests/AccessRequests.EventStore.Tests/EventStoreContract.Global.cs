using System.Collections.Concurrent;
using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task a_global_read_pages_through_every_event_once_in_order()
    {
        await Store.AppendAsync([NewStream("a", Event("1", new { }), Event("2", new { }))], []);
        await Store.AppendAsync([NewStream("b", Event("3", new { }))], []);
        await Store.AppendAsync([Continue("a", 2, Event("4", new { })), NewStream("c", Event("5", new { }))], []);

        var read = new List<RecordedEvent>();
        var checkpoint = GlobalCheckpoint.Start;
        while (await Store.ReadAllAsync(checkpoint, 2) is { Count: > 0 } page)
        {
            page.Count.ShouldBeLessThanOrEqualTo(2);
            read.AddRange(page);
            checkpoint = page[^1].Checkpoint;
        }

        read.Select(e => e.Type).ShouldBe(["1", "2", "3", "4", "5"]);
        read.Select(e => e.Checkpoint).ShouldBeInOrder(SortDirection.Ascending, Comparer<GlobalCheckpoint>.Create(
            (x, y) => (x.Transaction, x.Position).CompareTo((y.Transaction, y.Position))));
    }

    [Fact]
    public async Task a_global_read_never_passes_over_a_transaction_that_commits_late()
    {
        await Store.AppendAsync([NewStream("before")], []);

        // Connection 1 appends first and stays open; connection 2 appends after it and commits at once.
        await using var held = await Store.OpenConnectionAsync();
        await using var heldTransaction = await Store.BeginWriteAsync(held);
        await Store.AppendAsync(held, heldTransaction, [NewStream("early")], []);
        var late = Task.Run(() => Store.AppendAsync([NewStream("late")], []));
        await Task.WhenAny(late, Task.Delay(TimeSpan.FromSeconds(1)));

        // PostgreSQL: "late" has committed, but handing it out would pass over "early", which may commit yet.
        // SQLite: "late" waits for the writer lock, so position order is commit order.
        late.IsCompleted.ShouldBe(!WritersAreSerialised);
        var first = await Store.ReadAllAsync(GlobalCheckpoint.Start, 100);
        first.Select(e => e.StreamId).ShouldBe(["before"]);

        await heldTransaction.CommitAsync();
        await late;
        var rest = await Store.ReadAllAsync(first[^1].Checkpoint, 100);

        rest.Select(e => e.StreamId).ShouldBe(["early", "late"]);
        (await Store.ReadAllAsync(GlobalCheckpoint.Start, 100)).Select(e => e.EventId)
            .ShouldBe(first.Concat(rest).Select(e => e.EventId));
    }

    [Fact]
    public async Task a_handler_that_throws_keeps_neither_its_effects_nor_the_checkpoint()
    {
        await Store.AppendAsync([NewStream("s")], []);

        await Should.ThrowAsync<InvalidOperationException>(() => Store.ProcessAsync("mailer", 10, async (events, tx, ct) =>
        {
            await tx.WriteAsync(new ReadModelWrite.UpsertDocument("sent", "s", "{}"), ct);
            throw new InvalidOperationException("the mail server is down");
        }));

        (await Store.GetDocumentAsync("sent", "s")).ShouldBeNull();
        (await Store.GetCheckpointAsync("mailer")).ShouldBe(GlobalCheckpoint.Start);
    }

    [Fact]
    public async Task a_handler_that_succeeds_keeps_its_effects_and_the_checkpoint_and_the_next_run_sees_nothing_new()
    {
        await Store.AppendAsync([NewStream("s", Event("a", new { }), Event("b", new { }))], []);
        var all = await Store.ReadAllAsync(GlobalCheckpoint.Start, 100);
        (await Store.GetCheckpointAsync("counter")).ShouldBe(GlobalCheckpoint.Start);

        var handled = await Store.ProcessAsync("counter", 10, (events, tx, ct) =>
            tx.WriteAsync(new ReadModelWrite.UpsertDocument("counts", "s", $$"""{"n":{{events.Count}}}"""), ct));
        var again = await Store.ProcessAsync("counter", 10, (_, _, _) => throw new InvalidOperationException("nothing is new"));

        handled.ShouldBe(2);
        again.ShouldBe(0);
        (await Store.GetDocumentAsync("counts", "s"))!.ShouldBeJson("""{"n":2}""");
        (await Store.GetCheckpointAsync("counter")).ShouldBe(all[^1].Checkpoint);

        await Store.AppendAsync([Continue("s", 2, Event("c", new { }))], []);
        var types = new List<string>();
        (await Store.ProcessAsync("counter", 10, (events, _, _) =>
        {
            types.AddRange(events.Select(e => e.Type));
            return Task.CompletedTask;
        })).ShouldBe(1);
        types.ShouldBe(["c"]);
    }

    [Fact]
    public async Task a_consumer_started_at_the_end_skips_the_history_and_gets_what_comes_after()
    {
        await Store.AppendAsync([NewStream("old", Event("a", new { }), Event("b", new { }))], []);

        (await Store.StartCheckpointAtEndAsync("newcomer")).ShouldBeTrue();
        (await Store.StartCheckpointAtEndAsync("newcomer")).ShouldBeFalse();
        await Store.AppendAsync([Continue("old", 2, Event("c", new { }))], []);

        var types = new List<string>();
        await Store.ProcessAsync("newcomer", 10, (events, _, _) =>
        {
            types.AddRange(events.Select(e => e.Type));
            return Task.CompletedTask;
        });
        types.ShouldBe(["c"]);
    }

    [Fact]
    public async Task starting_at_the_end_leaves_a_consumers_own_checkpoint_alone()
    {
        await Store.AppendAsync([NewStream("s", Event("a", new { }))], []);
        await Store.ProcessAsync("reader", 10, (_, _, _) => Task.CompletedTask);
        var before = await Store.GetCheckpointAsync("reader");
        await Store.AppendAsync([Continue("s", 1, Event("b", new { }))], []);

        (await Store.StartCheckpointAtEndAsync("reader")).ShouldBeFalse();

        (await Store.GetCheckpointAsync("reader")).ShouldBe(before);
    }

    [Fact]
    public async Task a_consumer_gets_its_batches_in_global_order_and_of_the_size_asked()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.AppendAsync([NewStream($"s-{i}")], []);
        }

        var batches = new List<List<string>>();
        while (await Store.ProcessAsync("pager", 2, (events, _, _) =>
        {
            batches.Add([.. events.Select(e => e.StreamId)]);
            return Task.CompletedTask;
        }) > 0)
        {
        }

        batches.ShouldBe([["s-0", "s-1"], ["s-2", "s-3"], ["s-4"]]);
    }

    [Fact]
    public async Task two_instances_of_one_consumer_never_handle_the_same_event()
    {
        for (var i = 0; i < 10; i++)
        {
            await Store.AppendAsync([NewStream($"s-{i}", Event("a", new { }), Event("b", new { }), Event("c", new { }))], []);
        }
        var handled = new ConcurrentBag<Guid>();

        async Task Drain(SqlEventStore store)
        {
            while (await store.ProcessAsync("relay", 3, async (events, tx, ct) =>
            {
                foreach (var e in events)
                {
                    handled.Add(e.EventId);
                }
                await Task.Delay(10, ct); // keep the batch open so that the other instance runs into it
            }) > 0)
            {
            }
        }
        await Task.WhenAll(Task.Run(() => Drain(Store)), Task.Run(() => Drain(OpenStore())));

        var all = await Store.ReadAllAsync(GlobalCheckpoint.Start, 100);
        handled.Count.ShouldBe(30);
        handled.Order().ShouldBe(all.Select(e => e.EventId).Order());
    }
}
