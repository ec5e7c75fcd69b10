using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    private const int RebuildPageSize = 5_000;
    private const int RebuildFlushAt = 2_000;

    public async Task<long> RebuildReadModelsAsync(
        Func<IReadOnlyList<RecordedEvent>, IEnumerable<ReadModelWrite>> project,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        await using var connection = await Dialect.OpenAsync(ct);
        await using var transaction = await Dialect.BeginAsync(connection, ct);
        if (Dialect.LockOutAppends.Length > 0)
        {
            // Appends wait until the rebuild commits, so none lands between the pages read below.
            await connection.ExecuteAsync(new CommandDefinition(Dialect.LockOutAppends, transaction: transaction, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM application_participants; DELETE FROM applications; DELETE FROM documents; DELETE FROM grants; {ReadModelBatch.NextDocumentsGeneration};",
            transaction: transaction, cancellationToken: ct));

        var batch = new ReadModelBatch(Dialect);
        var stream = new List<RecordedEvent>();
        long read = 0;
        (string StreamId, long Version) after = ("", 0);
        while (true)
        {
            // Keyset pages in (stream_id, stream_version) order: memory stays at one page however many events there are.
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"""
                SELECT {Rows.EventColumns} FROM events
                WHERE (stream_id, stream_version) > (@stream, @version)
                ORDER BY stream_id, stream_version
                LIMIT {RebuildPageSize}
                """,
                new { stream = after.StreamId, version = after.Version }, transaction, cancellationToken: ct));
            var page = await Rows.EventsAsync(reader, ct);
            await reader.DisposeAsync();

            foreach (var e in page)
            {
                if (stream.Count > 0 && stream[0].StreamId != e.StreamId)
                {
                    Project(stream);
                    stream = [];
                }
                stream.Add(e);
            }
            read += page.Count;
            if (batch.Count >= RebuildFlushAt)
            {
                await batch.FlushAsync(connection, transaction, ct);
            }
            if (page.Count < RebuildPageSize)
            {
                break;
            }
            after = (page[^1].StreamId, page[^1].StreamVersion);
        }
        if (stream.Count > 0)
        {
            Project(stream);
        }
        await batch.FlushAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return read;

        void Project(List<RecordedEvent> events)
        {
            // Timers stay as they are: replaying their writes would bring back timers that have already fired.
            foreach (var write in project(events).Where(w => w is not (ReadModelWrite.ScheduleTimer or ReadModelWrite.CancelTimer)))
            {
                batch.Add(write);
            }
        }
    }
}
