using AccessRequests.Testing;
using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

/// <summary>A database for the class, dropped at its end; a schema in it for each test.</summary>
public sealed class PostgresClassDatabase : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await PostgresDatabase.CreateAsync("eventstore");

    public async Task DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

public sealed class PostgresEventStoreTests(PostgresClassDatabase database)
    : EventStoreContract, IClassFixture<PostgresClassDatabase>
{
    protected override bool WritersAreSerialised => false;

    protected override Task<string> NewDatabaseAsync() => database.Database.CreateSchemaAsync();

    protected override SqlEventStore Open(string connectionString) => new PostgresEventStore(connectionString);

    // Only PostgreSQL lets two writers overlap, so only there can position order and commit order disagree.
    [Fact]
    public async Task an_event_with_an_earlier_position_but_a_later_transaction_is_not_skipped()
    {
        // H takes its transaction id first; L then appends (an earlier position) and stays open; H appends again
        // (a later position) and commits before L.
        await using var h = await Store.OpenConnectionAsync();
        await using var hTransaction = await Store.BeginWriteAsync(h);
        await Store.AppendAsync(h, hTransaction, [NewStream("h-1")], []);
        await using var l = await Store.OpenConnectionAsync();
        await using var lTransaction = await Store.BeginWriteAsync(l);
        await Store.AppendAsync(l, lTransaction, [NewStream("l")], []);
        await Store.AppendAsync(h, hTransaction, [NewStream("h-2")], []);
        await hTransaction.CommitAsync();

        var first = await Store.ReadAllAsync(GlobalCheckpoint.Start, 100);
        await lTransaction.CommitAsync();
        var rest = await Store.ReadAllAsync(first[^1].Checkpoint, 100);

        first.Select(e => e.StreamId).ShouldBe(["h-1", "h-2"]);
        rest.Select(e => e.StreamId).ShouldBe(["l"]);
        rest[0].GlobalPosition.ShouldBeLessThan(first[^1].GlobalPosition, "a position-only checkpoint would skip it");
    }

    // Only PostgreSQL has concurrent claimers at all; SQLite runs them one after another.
    [Fact]
    public async Task a_claimer_passes_over_timers_another_claimer_has_locked_instead_of_waiting()
    {
        await Store.AppendAsync([NewStream("s")],
        [
            new ReadModelWrite.ScheduleTimer(new("a", "s", "k", T0, "{}")),
            new ReadModelWrite.ScheduleTimer(new("b", "s", "k", T0.AddMinutes(1), "{}")),
        ]);
        await using var other = await Store.OpenConnectionAsync();
        await using var otherTransaction = await Store.BeginWriteAsync(other);
        await using (var lockA = other.CreateCommand())
        {
            lockA.Transaction = otherTransaction;
            lockA.CommandText = "SELECT id FROM timers WHERE id = 'a' FOR UPDATE";
            await lockA.ExecuteNonQueryAsync();
        }

        var claim = Store.ClaimDueTimersAsync(T0.AddHours(1), 10, TimeSpan.FromMinutes(5));
        (await Task.WhenAny(claim, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(claim, "the claimer waited for the lock");
        (await claim).Select(t => t.Id).ShouldBe(["b"]);

        await otherTransaction.RollbackAsync();
        (await Store.ClaimDueTimersAsync(T0.AddHours(1), 10, TimeSpan.FromMinutes(5))).Select(t => t.Id).ShouldBe(["a"]);
    }

    [Fact]
    public async Task a_holder_whose_connection_is_ended_loses_the_duty_to_the_next()
    {
        var holder = (await Store.TryAcquireLeadershipAsync("outbox-relay")).ShouldNotBeNull();
        var other = OpenStore();
        (await other.TryAcquireLeadershipAsync("outbox-relay")).ShouldBeNull();

        // As when the holder's process dies or its network goes: the server ends the session.
        await using (var admin = await Store.OpenConnectionAsync())
        await using (var terminate = admin.CreateCommand())
        {
            terminate.CommandText = $"SELECT pg_terminate_backend({((PostgresLeadership)holder).ProcessId})";
            (await terminate.ExecuteScalarAsync()).ShouldBe(true);
        }

        // The session ends a moment after the signal.
        ILeadership? next = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); next is null && DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            next = await other.TryAcquireLeadershipAsync("outbox-relay");
        }
        next.ShouldNotBeNull("the lock went with the session");
        await using (next)
        {
            (await holder.IsHeldAsync()).ShouldBeFalse();
            (await holder.IsHeldAsync()).ShouldBeFalse();
            await holder.DisposeAsync();
            (await next.IsHeldAsync()).ShouldBeTrue();
        }
    }

    [Fact]
    public void a_leadership_key_is_pinned_so_that_every_version_of_every_node_agrees_on_it()
    {
        // A derivation that changed between builds would let an old and a new node lead at once during a rollout.
        PostgresLeadership.Key("public", "outbox-relay").ShouldBe(-1065054430966473824L);
        PostgresLeadership.Key("other", "outbox-relay").ShouldNotBe(-1065054430966473824L);
    }

    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    protected override SqlEventStore OpenUnreachable() =>
        new PostgresEventStore("Host=127.0.0.1;Port=1;Username=nobody;Password=none;Timeout=2");
}
