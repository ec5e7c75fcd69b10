using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task a_rebuild_recreates_the_read_models_that_were_written_inline()
    {
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), c = Guid.CreateVersion7();
        await AppendApplicationAsync(a, 0, Opened("alice", "A", T0));
        await AppendApplicationAsync(b, 0, Opened("bob", "B", T0.AddMinutes(1)), MemberAdded("carol", T0.AddMinutes(2)));
        await Store.AppendAsync([NewStream("not-an-application")], []);
        await AppendApplicationAsync(a, 1, Renamed("A2", T0.AddMinutes(3)), Submitted(T0.AddMinutes(4), T0.AddDays(7)));
        await AppendApplicationAsync(c, 0, Opened("carol", "C", T0.AddMinutes(5)));
        await AppendApplicationAsync(b, 2, Approved("ds-1", T0.AddYears(1), T0.AddMinutes(6),
            (Guid.CreateVersion7(), "bob"), (Guid.CreateVersion7(), "carol")));
        var inline = await ReadModelsAsync();

        var read = await Store.RebuildReadModelsAsync(Project);

        read.ShouldBe(8);
        (await ReadModelsAsync()).ShouldBe(inline);
        inline.Count.ShouldBe(8);
    }

    [Fact]
    public async Task a_rebuild_removes_rows_that_the_projection_no_longer_produces()
    {
        var id = Guid.CreateVersion7();
        await AppendApplicationAsync(id, 0, Opened("alice", "A", T0));
        var projected = await Store.GetApplicationAsync(id);
        var orphan = Guid.CreateVersion7();
        await Store.AppendAsync([NewStream("other")],
        [
            Upsert(Row(orphan, T0)),
            Upsert(projected! with { Participants = [.. projected.Participants, new("mallory", "member")] }),
            new ReadModelWrite.UpsertDocument("stale", "x", "{}"),
        ]);

        await Store.RebuildReadModelsAsync(Project);

        (await Store.GetApplicationAsync(orphan)).ShouldBeNull();
        (await Store.GetApplicationAsync(id)).ShouldBeRow(projected);
        (await Store.ListDocumentsAsync("stale")).ShouldBeEmpty();
        (await Store.ListApplicationsAsync(new(["mallory"], ["member"]))).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_rebuild_hands_each_stream_over_whole_even_when_it_spans_pages()
    {
        var big = Guid.CreateVersion7();
        await Store.AppendAsync([NewStream("0-before"), NewStream("z-after")], []);
        var renames = Enumerable.Range(1, 6_999).Select(i => Renamed($"title {i}", T0.AddSeconds(i)));
        await AppendApplicationAsync(big, 0, [Opened("alice", "title 0", T0), .. renames]);
        var inline = await ReadModelsAsync();
        var handed = new List<(string Stream, int Count, long FirstVersion)>();

        var read = await Store.RebuildReadModelsAsync(events =>
        {
            handed.Add((events[0].StreamId, events.Count, events[0].StreamVersion));
            return Project(events);
        });

        read.ShouldBe(7_002);
        handed.ShouldBe([("0-before", 1, 1L), (StreamId(big), 7_000, 1L), ("z-after", 1, 1L)]);
        (await ReadModelsAsync()).ShouldBe(inline);
    }

    /// <summary>Everything in the read models, in a form that compares by value.</summary>
    private async Task<List<object>> ReadModelsAsync()
    {
        var rows = await Store.ListApplicationsAsync(new([], [], Limit: 1_000));
        var titles = await Store.ListDocumentsAsync(Titles);
        var grants = await Store.ListGrantsAsync(new());
        return [.. rows.Select(Assertions.Comparable), .. titles, .. grants];
    }
}
