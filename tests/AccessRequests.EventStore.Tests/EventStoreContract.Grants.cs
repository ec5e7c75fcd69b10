using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task grants_projected_with_an_append_are_listed_and_read_back()
    {
        var id = Guid.CreateVersion7();
        Guid forAlice = Id(1), forBob = Id(2);

        await AppendApplicationAsync(id, 0, Opened("alice", "A", T0), MemberAdded("bob", T0),
            Approved("ds-1", T0.AddYears(1), T0.AddHours(1), (forBob, "bob"), (forAlice, "alice")));

        var alices = new GrantRow(forAlice, id, "alice", "ds-1", "ds-1-location", "dac-1", T0.AddHours(1), T0.AddYears(1),
            "active", T0.AddHours(1), """{"conditions":["publish-acknowledgement"]}""");
        (await Store.GetGrantAsync(forAlice)).ShouldBe(alices);
        (await Store.ListGrantsAsync(new(ApplicationId: id))).ShouldBe([alices, alices with { GrantId = forBob, UserId = "bob" }]);
        (await Store.GetGrantAsync(Id(3))).ShouldBeNull();
    }

    [Fact]
    public async Task a_grant_row_keeps_its_values_and_instants()
    {
        var local = new DateTimeOffset(2025, 6, 1, 12, 30, 15, 123, 456, TimeSpan.FromHours(2));
        var row = new GrantRow(Guid.CreateVersion7(), Guid.CreateVersion7(), "alice@ku.dk", "ngc-gdb-wgs", "ngc-hpc", "dac-ngc",
            local, local.AddDays(365), "expired", local.AddDays(365), """{"conditions":["a","b"],"renewals":0}""");

        await Store.AppendAsync([NewStream("s")], [new ReadModelWrite.UpsertGrant(row)]);

        // Same instants, whatever offset they were given in; the stores keep UTC.
        (await Store.GetGrantAsync(row.GrantId)).ShouldBe(row);
    }

    [Fact]
    public async Task a_refused_append_writes_no_grants()
    {
        await Store.AppendAsync([NewStream("s")], []);

        await Should.ThrowAsync<ConcurrencyException>(() =>
            Store.AppendAsync([NewStream("s")], [new ReadModelWrite.UpsertGrant(Grant(1, A, "alice", T0))]));

        (await Store.GetGrantAsync(Id(1))).ShouldBeNull();
        (await Store.ListGrantsAsync(new())).ShouldBeEmpty();
    }

    [Fact]
    public async Task grants_are_filtered_by_user_dataset_location_and_application_together()
    {
        await Store.AppendAsync([NewStream("s")],
        [
            Upsert(Grant(1, A, "alice", T0, dataset: "ds-1", location: "loc-x")),
            Upsert(Grant(2, A, "bob", T0.AddDays(1), dataset: "ds-1", location: "loc-x")),
            Upsert(Grant(3, B, "alice", T0.AddDays(2), dataset: "ds-2", location: "loc-y")),
            Upsert(Grant(4, B, "alice", T0.AddDays(-1), dataset: "ds-1", location: "loc-y")),
            Upsert(Grant(5, B, "carol", T0, dataset: "ds-2", location: "loc-y")),
        ]);

        async Task<List<Guid>> Ids(GrantQuery query) => [.. (await Store.ListGrantsAsync(query)).Select(g => g.GrantId)];

        (await Ids(new())).ShouldBe([Id(4), Id(1), Id(5), Id(2), Id(3)], "by valid_from, then grant id");
        (await Ids(new(UserId: "alice"))).ShouldBe([Id(4), Id(1), Id(3)]);
        (await Ids(new(DatasetId: "ds-1"))).ShouldBe([Id(4), Id(1), Id(2)]);
        (await Ids(new(Location: "loc-y"))).ShouldBe([Id(4), Id(5), Id(3)]);
        (await Ids(new(ApplicationId: A))).ShouldBe([Id(1), Id(2)]);
        (await Ids(new(UserId: "alice", DatasetId: "ds-1"))).ShouldBe([Id(4), Id(1)]);
        (await Ids(new(UserId: "alice", DatasetId: "ds-1", Location: "loc-x"))).ShouldBe([Id(1)]);
        (await Ids(new(UserId: "bob", ApplicationId: B))).ShouldBeEmpty();
        (await Ids(new(UserId: "nobody"))).ShouldBeEmpty();
        (await Ids(new(Limit: 2))).ShouldBe([Id(4), Id(1)]);
    }

    [Fact]
    public async Task an_active_grant_is_in_force_from_its_first_instant_until_just_before_its_end()
    {
        var end = T0.AddDays(10);
        await Store.AppendAsync([NewStream("s")],
        [
            Upsert(Grant(1, A, "alice", T0, until: end)),
            Upsert(Grant(2, A, "bob", T0, until: end, status: "revoked")),
            Upsert(Grant(3, A, "carol", T0, until: end, status: "expired")),
            Upsert(Grant(4, A, "dave", T0.AddDays(5), until: end)),
        ]);

        async Task<List<Guid>> Ids(bool active, DateTimeOffset now) =>
            [.. (await Store.ListGrantsAsync(new(Active: active, Now: now))).Select(g => g.GrantId)];

        (await Ids(true, T0.AddTicks(-10))).ShouldBeEmpty();
        (await Ids(true, T0)).ShouldBe([Id(1)]);
        (await Ids(false, T0)).ShouldBe([Id(2), Id(3), Id(4)]);
        (await Ids(true, end.AddTicks(-10))).ShouldBe([Id(1), Id(4)], "a microsecond before the end");
        (await Ids(true, end)).ShouldBeEmpty("valid_until is the first instant without access");
        (await Ids(false, end)).ShouldBe([Id(1), Id(2), Id(3), Id(4)]);
        (await Store.ListGrantsAsync(new(UserId: "dave", Active: true, Now: T0.AddDays(6)))).ShouldHaveSingleItem().GrantId.ShouldBe(Id(4));
        (await Store.ListGrantsAsync(new(Now: T0.AddYears(-1)))).Count.ShouldBe(4, "Now alone filters nothing");
    }

    [Fact]
    public async Task asking_for_active_grants_without_a_time_is_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.ListGrantsAsync(new(Active: true)));
        await Should.ThrowAsync<ArgumentException>(() => Store.ListGrantsAsync(new(Active: false)));
    }

    [Fact]
    public async Task deleting_the_grants_of_an_application_leaves_other_applications_and_later_upserts()
    {
        await Store.AppendAsync([NewStream("s")],
            [Upsert(Grant(1, A, "alice", T0)), Upsert(Grant(2, A, "bob", T0)), Upsert(Grant(3, B, "alice", T0))]);

        var renewed = Grant(2, A, "bob", T0) with { ValidUntil = T0.AddYears(2), UpdatedAt = T0.AddDays(1) };
        await Store.AppendAsync([Continue("s", 1)],
        [
            Upsert(Grant(4, A, "carol", T0)),
            new ReadModelWrite.DeleteGrantsOfApplication(A),
            Upsert(renewed),
        ]);

        (await Store.ListGrantsAsync(new(ApplicationId: A))).ShouldBe([renewed], "the upsert before the delete is gone too");
        (await Store.ListGrantsAsync(new(ApplicationId: B))).Select(g => g.GrantId).ShouldBe([Id(3)]);

        await Store.AppendAsync([Continue("s", 2)], [new ReadModelWrite.DeleteGrantsOfApplication(A)]);

        (await Store.ListGrantsAsync(new(ApplicationId: A))).ShouldBeEmpty();
        (await Store.GetGrantAsync(Id(3))).ShouldNotBeNull();
    }

    [Fact]
    public async Task a_rebuild_recreates_grants_and_drops_the_ones_the_projection_no_longer_produces()
    {
        var id = Guid.CreateVersion7();
        await AppendApplicationAsync(id, 0, Opened("alice", "A", T0), MemberAdded("bob", T0),
            Approved("ds-1", T0.AddYears(1), T0.AddHours(1), (Id(1), "alice"), (Id(2), "bob")));
        await AppendApplicationAsync(id, 3, GrantRevoked(Id(2), T0.AddDays(1)));
        var projected = await Store.ListGrantsAsync(new());
        await Store.AppendAsync([NewStream("other")],
        [
            Upsert(Grant(9, Guid.CreateVersion7(), "mallory", T0)),
            Upsert(projected[0] with { Status = "expired" }),
        ]);

        await Store.RebuildReadModelsAsync(Project);

        (await Store.ListGrantsAsync(new())).ShouldBe(projected);
        projected.Select(g => g.Status).ShouldBe(["active", "revoked"]);
    }

    private static readonly Guid A = Id(0xA00), B = Id(0xB00);

    /// <summary>A readable id; its order is the number's order, in .NET and in both databases.</summary>
    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:x12}");

    private static GrantRow Grant(int id, Guid application, string user, DateTimeOffset from, DateTimeOffset? until = null,
        string status = "active", string dataset = "ds-1", string location = "loc-x") =>
        new(Id(id), application, user, dataset, location, "dac-1", from, until ?? from.AddYears(1), status, from, "{}");

    private static ReadModelWrite.UpsertGrant Upsert(GrantRow row) => new(row);
}
