using AccessRequests.Testing;

namespace AccessRequests.EventStore.Tests;

/// <summary>A file of its own for each test.</summary>
public sealed class SqliteEventStoreTests : EventStoreContract
{
    private readonly List<SqliteDatabase> files = [];

    protected override bool WritersAreSerialised => true;

    protected override Task<string> NewDatabaseAsync()
    {
        var file = SqliteDatabase.Create("eventstore");
        files.Add(file);
        return Task.FromResult(file.ConnectionString);
    }

    // BEGIN IMMEDIATE: the writer lock is taken when the transaction begins, not at its first write, so a
    // transaction that reads before it writes cannot find its snapshot stale and fail with SQLITE_BUSY.
    [Fact]
    public async Task a_write_transaction_holds_the_writer_lock_from_its_start()
    {
        await using var held = await Store.OpenConnectionAsync();
        await using var transaction = await Store.BeginWriteAsync(held);

        var append = Task.Run(() => Store.AppendAsync([NewStream("s")], []));
        await Task.WhenAny(append, Task.Delay(TimeSpan.FromMilliseconds(500)));
        append.IsCompleted.ShouldBeFalse();

        await transaction.CommitAsync();
        (await append).ShouldBe([1L]);
    }

    protected override SqlEventStore Open(string connectionString) => new SqliteEventStore(connectionString);

    protected override SqlEventStore OpenUnreachable() =>
        new SqliteEventStore(Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "store.db"));

    protected override ValueTask DropDatabaseAsync()
    {
        foreach (var file in files)
        {
            file.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
