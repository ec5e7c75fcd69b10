namespace AccessRequests.EventStore;

/// <summary>An event to append. Data and metadata are JSON documents.</summary>
public sealed record EventData(Guid EventId, string Type, string Data, string Metadata);

public sealed record RecordedEvent(
    long GlobalPosition,
    ulong Transaction,
    Guid EventId,
    string StreamId,
    long StreamVersion,
    string Type,
    string Data,
    string Metadata,
    DateTimeOffset RecordedAt)
{
    public GlobalCheckpoint Checkpoint => new(Transaction, GlobalPosition);
}

/// <summary>Expected version 0 means the stream must not exist yet.</summary>
public sealed record StreamAppend(string StreamId, string StreamType, long ExpectedVersion, IReadOnlyList<EventData> Events);

public sealed record StreamSlice(string StreamId, long Version, IReadOnlyList<RecordedEvent> Events);

/// <summary>
/// A position in the global order: (transaction id, global position). SQLite serialises writers,
/// so its transaction part is always 0 and position order is commit order.
/// </summary>
public readonly record struct GlobalCheckpoint(ulong Transaction, long Position)
{
    public static GlobalCheckpoint Start => new(0, 0);
}

public sealed class ConcurrencyException(string streamId, long expectedVersion)
    : Exception($"Stream '{streamId}' is not at version {expectedVersion}: another writer changed it first.")
{
    public string StreamId { get; } = streamId;
    public long ExpectedVersion { get; } = expectedVersion;
}

/// <summary>A document, or with a null <paramref name="Id"/> every document of the collection.</summary>
public sealed record DocumentKey(string Collection, string? Id = null);

public sealed record StoredDocument(string Collection, string Id, string Json);

/// <summary>
/// Documents and the documents' generation as of the same read: the generation moves on in every transaction that
/// changes a document, so a copy tagged with it can be checked for freshness by reading the generation alone.
/// </summary>
public sealed record DocumentsRead(long Generation, IReadOnlyList<StoredDocument> Documents);
