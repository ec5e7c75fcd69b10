using System.Buffers.Binary;
using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace AccessRequests.EventStore;

/// <summary>
/// A session advisory lock held on a connection of its own, which the handle keeps out of the pool until it is
/// disposed. PostgreSQL releases the lock when the session ends, so a holder that dies, or whose connection breaks,
/// hands the duty over; <see cref="IsHeldAsync"/> tells the old holder it has lost it.
/// </summary>
internal sealed class PostgresLeadership : ILeadership
{
    private readonly NpgsqlConnection connection;
    private readonly long key;
    private readonly SemaphoreSlim exclusive = new(1, 1); // a connection runs one command at a time
    private bool lost;
    private bool disposed;

    private PostgresLeadership(string duty, NpgsqlConnection connection, long key)
    {
        Duty = duty;
        this.connection = connection;
        this.key = key;
    }

    public string Duty { get; }

    /// <summary>The server process of the session holding the lock (tests end it to stand for a dead holder).</summary>
    internal int ProcessId => connection.ProcessID;

    public static async Task<ILeadership?> TryAcquireAsync(NpgsqlDataSource dataSource, string duty, CancellationToken ct)
    {
        if (new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Multiplexing)
        {
            // A multiplexed connection has no session of its own between commands, so it cannot hold a session lock.
            throw new NotSupportedException("Leadership needs a data source without Multiplexing.");
        }
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            // The store is the schema its tables are in: stores in other schemas of the database lead on their own.
            var schema = await ScalarAsync<string?>(connection, "SELECT current_schema()", null, ct) ?? "";
            var key = Key(schema, duty);
            if (await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", key, ct))
            {
                return new PostgresLeadership(duty, connection, key);
            }
        }
        catch
        {
            // Back to the pool, maybe holding the lock (cancelled after the server took it): release anything held.
            await TryUnlockAllAsync(connection);
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The first 8 bytes of SHA-256 of "schema/duty": stable across processes, versions and restarts.</summary>
    internal static long Key(string schema, string duty) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{schema}/{duty}")));

    public async Task<bool> IsHeldAsync(CancellationToken ct = default)
    {
        await exclusive.WaitAsync(ct);
        try
        {
            if (disposed || lost || connection.State != ConnectionState.Open)
            {
                return false;
            }
            // A session keeps its session locks until it ends or unlocks them, and only DisposeAsync unlocks: a live
            // session is a held lock.
            await ScalarAsync<int>(connection, "SELECT 1", null, ct);
            return true;
        }
        catch (DbException)
        {
            // The connection broke (or was ended); the session, and with it the lock, is gone.
            lost = true;
            return false;
        }
        finally
        {
            exclusive.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await exclusive.WaitAsync();
        try
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            // The connection goes back to the pool, so the lock must not go with it.
            if (!lost && connection.State == ConnectionState.Open)
            {
                try
                {
                    await ScalarAsync<bool>(connection, "SELECT pg_advisory_unlock(@key)", key, CancellationToken.None);
                }
                catch (DbException)
                {
                    // The connection broke: the session has ended, and its lock with it.
                }
            }
            await connection.DisposeAsync();
        }
        finally
        {
            exclusive.Release();
        }
    }

    private static async Task TryUnlockAllAsync(NpgsqlConnection connection)
    {
        if (connection.State != ConnectionState.Open)
        {
            return;
        }
        try
        {
            await ScalarAsync<object?>(connection, "SELECT pg_advisory_unlock_all()", null, CancellationToken.None);
        }
        catch (DbException)
        {
            // Broken: the session, and any lock it held, has ended.
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, long? key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (key is { } value)
        {
            command.Parameters.AddWithValue("key", value);
        }
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? default! : (T)result!;
    }
}
