using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task appended_events_read_back_in_order_with_their_ids_versions_and_contents()
    {
        var first = Event("opened", new { title = "Cohort study", n = 1 });
        var second = Event("renamed", new { title = "Cohort study II" });
        var third = Event("closed", new { reason = "done" });

        (await Store.AppendAsync([NewStream("s-1", first, second)], [])).ShouldBe([2L]);
        (await Store.AppendAsync([Continue("s-1", 2, third)], [])).ShouldBe([3L]);

        var slice = await Store.ReadStreamAsync("s-1");
        slice.StreamId.ShouldBe("s-1");
        slice.Version.ShouldBe(3);
        slice.Events.Select(e => (e.EventId, e.StreamId, e.StreamVersion, e.Type))
            .ShouldBe([(first.EventId, "s-1", 1L, "opened"), (second.EventId, "s-1", 2L, "renamed"), (third.EventId, "s-1", 3L, "closed")]);
        slice.Events[0].Data.ShouldBeJson("""{"title":"Cohort study","n":1}""");
        slice.Events[2].Data.ShouldBeJson(third.Data);
        slice.Events.ShouldAllBe(e => e.Metadata.Length > 0);
        slice.Events[1].Metadata.ShouldBeJson("""{"actor":"tests","correlation":"c-1"}""");
        slice.Events.Select(e => e.GlobalPosition).ShouldBeInOrder(SortDirection.Ascending);
        slice.Events[0].RecordedAt.ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task a_stream_read_after_a_version_gives_only_the_newer_events()
    {
        await Store.AppendAsync([NewStream("s-1", Event("a", new { }), Event("b", new { }), Event("c", new { }))], []);

        var newer = await Store.ReadStreamAsync("s-1", afterVersion: 1);
        var none = await Store.ReadStreamAsync("s-1", afterVersion: 3);

        newer.Version.ShouldBe(3);
        newer.Events.Select(e => (e.StreamVersion, e.Type)).ShouldBe([(2L, "b"), (3L, "c")]);
        none.Version.ShouldBe(3);
        none.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_missing_stream_reads_as_version_zero_with_no_events()
    {
        var slice = await Store.ReadStreamAsync("nobody-wrote-here");

        slice.Version.ShouldBe(0);
        slice.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task one_append_can_write_several_streams_and_returns_their_versions_in_order()
    {
        await Store.AppendAsync([NewStream("b")], []);

        var versions = await Store.AppendAsync([NewStream("c", Event("x", new { }), Event("y", new { })), Continue("b", 1), NewStream("a")], []);

        versions.ShouldBe([2L, 2L, 1L]);
        (await Store.ReadStreamAsync("c")).Version.ShouldBe(2);
        (await Store.ReadStreamAsync("b")).Version.ShouldBe(2);
        (await Store.ReadStreamAsync("a")).Version.ShouldBe(1);
    }

    [Fact]
    public async Task a_stale_expected_version_is_refused_and_writes_nothing()
    {
        var id = Guid.CreateVersion7();
        await AppendApplicationAsync(id, 0, Opened("alice", "First", T0));
        var before = await Store.GetApplicationAsync(id);

        var refused = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(
            [new StreamAppend(StreamId(id), StreamType, 0, [Renamed("Second", T0.AddMinutes(1))])],
            [Upsert(before! with { Title = "Second" }), new ReadModelWrite.UpsertDocument("notes", "n-1", "{}")]));
        await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(
            [new StreamAppend(StreamId(id), StreamType, 2, [Renamed("Third", T0.AddMinutes(1))])], []));

        refused.StreamId.ShouldBe(StreamId(id));
        refused.ExpectedVersion.ShouldBe(0);
        var slice = await Store.ReadStreamAsync(StreamId(id));
        slice.Version.ShouldBe(1);
        slice.Events.Select(e => e.Type).ShouldBe(["opened"]);
        (await Store.GetApplicationAsync(id)).ShouldBeRow(before!);
        (await Store.GetDocumentAsync("notes", "n-1")).ShouldBeNull();
        (await Store.ReadAllAsync(GlobalCheckpoint.Start, 100)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_multi_stream_append_whose_second_stream_conflicts_writes_nothing_at_all()
    {
        await Store.AppendAsync([NewStream("taken")], []);

        var refused = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(
            [NewStream("fresh"), NewStream("taken")],
            [new ReadModelWrite.UpsertDocument("notes", "n-1", "{}")]));

        refused.StreamId.ShouldBe("taken");
        (await Store.ReadStreamAsync("fresh")).Version.ShouldBe(0);
        (await Store.ReadStreamAsync("taken")).Version.ShouldBe(1);
        (await Store.GetDocumentAsync("notes", "n-1")).ShouldBeNull();
        (await Store.ReadAllAsync(GlobalCheckpoint.Start, 100)).Select(e => e.StreamId).ShouldBe(["taken"]);
    }

    [Fact]
    public async Task a_clash_on_the_stream_version_surfaces_as_a_concurrency_error()
    {
        await Store.AppendAsync([NewStream("s")], []);
        // Lose the stream head, as if it had gone out of step with the events: only the unique key still guards.
        await using (var connection = await Store.OpenConnectionAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM streams WHERE id = 's'";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync([NewStream("s")], []));

        refused.StreamId.ShouldBe("s");
        (await Store.ReadStreamAsync("s")).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task twenty_writers_at_the_same_version_have_exactly_one_winner()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var e = Event("claimed", new { writer = i });
            await gate.Task;
            try
            {
                await Store.AppendAsync([NewStream("contested", e)], []);
                return e.EventId;
            }
            catch (ConcurrencyException)
            {
                return (Guid?)null;
            }
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(attempts);

        var winners = results.OfType<Guid>().ToList();
        winners.Count.ShouldBe(1);
        var slice = await Store.ReadStreamAsync("contested");
        slice.Version.ShouldBe(1);
        slice.Events.Single().EventId.ShouldBe(winners[0]);
    }

    [Fact]
    public async Task twenty_writers_retrying_on_conflict_all_land_exactly_once_without_gaps()
    {
        var conflicts = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var e = Event("counted", new { writer = i });
            // Every first attempt claims version 1 of the new stream: all but one must re-read and retry.
            var version = 0L;
            await gate.Task;
            while (true)
            {
                try
                {
                    return (e.EventId, Version: (await Store.AppendAsync([Continue("counter", version, e)], []))[0]);
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                    version = (await Store.ReadStreamAsync("counter")).Version;
                }
            }
        })).ToList();
        gate.SetResult();
        var landed = await Task.WhenAll(writers);

        var slice = await Store.ReadStreamAsync("counter");
        slice.Version.ShouldBe(20);
        slice.Events.Select(e => e.StreamVersion).ShouldBe(Enumerable.Range(1, 20).Select(v => (long)v));
        slice.Events.Select(e => e.EventId).ShouldBe(landed.OrderBy(l => l.Version).Select(l => l.EventId));
        landed.Select(l => l.Version).Distinct().Count().ShouldBe(20);
        conflicts.ShouldBeGreaterThanOrEqualTo(19);
    }
}
