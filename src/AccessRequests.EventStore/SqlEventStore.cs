using System.Data.Common;
using System.Net.Sockets;
using Dapper;

namespace AccessRequests.EventStore;

/// <summary>
/// The event store over a SQL database; <see cref="PostgresEventStore"/> and <see cref="SqliteEventStore"/> only
/// choose the dialect. The SQL is shared: both databases speak ON CONFLICT, row values and LIMIT.
/// </summary>
public abstract partial class SqlEventStore : IEventStore
{
    private static readonly TimeSpan ReachabilityTimeout = TimeSpan.FromSeconds(3);

    private protected SqlEventStore(SqlDialect dialect) => Dialect = dialect;

    private protected SqlDialect Dialect { get; }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await Dialect.CreateSchemaAsync(connection, ct);
    }

    public async Task<bool> IsReachableAsync(CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReachabilityTimeout);
        try
        {
            await using var connection = await Dialect.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: timeout.Token));
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested
            && e is DbException or OperationCanceledException or TimeoutException or IOException or SocketException)
        {
            return false;
        }
    }

    /// <summary>An open connection; with <see cref="BeginWriteAsync"/>, lets tests hold a transaction open.</summary>
    internal Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default) => Dialect.OpenAsync(ct);

    internal Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct = default) =>
        Dialect.BeginAsync(connection, ct);
}
