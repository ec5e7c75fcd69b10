using System.Data.Common;

namespace AccessRequests.EventStore;

internal sealed class StoreTransaction(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    : IStoreTransaction
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task WriteAsync(ReadModelWrite write, CancellationToken ct = default)
    {
        var batch = new ReadModelBatch(dialect);
        batch.Add(write);
        return batch.FlushAsync(connection, transaction, ct);
    }
}
