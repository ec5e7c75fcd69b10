using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AccessRequests.EventStore;

/// <summary>
/// SQLite is embedded mode: one process writes the file, so leadership only has to keep the store instances of this
/// process apart, with one in-process lock per (file, duty). Two processes on one file would each lead; that setup
/// is not supported (use PostgreSQL to run more than one node).
/// </summary>
internal sealed class SqliteLeadership : ILeadership
{
    // Never removed: one small semaphore per (file, duty) ever led in this process.
    private static readonly ConcurrentDictionary<(string File, string Duty), SemaphoreSlim> Locks = new();

    private readonly SemaphoreSlim held;
    private int released;

    private SqliteLeadership(string duty, SemaphoreSlim held)
    {
        Duty = duty;
        this.held = held;
    }

    public string Duty { get; }

    public static ILeadership? TryAcquire(string connectionString, string duty)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        // The same file named by different paths ("store.db", "./store.db") is one database.
        var file = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? builder.DataSource
            : Path.GetFullPath(builder.DataSource);
        var semaphore = Locks.GetOrAdd((file, duty), _ => new SemaphoreSlim(1, 1));
        return semaphore.Wait(0) ? new SqliteLeadership(duty, semaphore) : null;
    }

    public Task<bool> IsHeldAsync(CancellationToken ct = default) => Task.FromResult(Volatile.Read(ref released) == 0);

    public ValueTask DisposeAsync()
    {
        // Once only: a second dispose must not release a hold that another instance has taken since.
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            held.Release();
        }
        return ValueTask.CompletedTask;
    }
}
