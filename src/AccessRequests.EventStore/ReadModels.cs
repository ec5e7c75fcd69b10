using System.Data.Common;

namespace AccessRequests.EventStore;

/// <summary>A change to a read-model table, applied in the same transaction as the events that caused it.</summary>
public abstract record ReadModelWrite
{
    private ReadModelWrite() { }

    /// <summary>Inserts or replaces an application row and its participant rows.</summary>
    public sealed record UpsertApplication(ApplicationRow Row) : ReadModelWrite;

    /// <summary>Inserts or replaces a JSON document (catalogue entries, roles...).</summary>
    public sealed record UpsertDocument(string Collection, string Id, string Json) : ReadModelWrite;

    public sealed record DeleteDocument(string Collection, string Id) : ReadModelWrite;

    /// <summary>
    /// Inserts the timer, or moves the one with its id. A timer that is claimed keeps its lease when scheduled again
    /// unchanged; when anything changes it can be claimed again at once (and the old claim cannot complete it).
    /// </summary>
    public sealed record ScheduleTimer(ScheduledTimer Timer) : ReadModelWrite;

    /// <summary>Deletes the timer with this id, if there is one.</summary>
    public sealed record CancelTimer(string TimerId) : ReadModelWrite;

    /// <summary>Inserts or replaces a grant row.</summary>
    public sealed record UpsertGrant(GrantRow Row) : ReadModelWrite;

    /// <summary>
    /// Deletes the application's grants, so that a projection can write them anew: the upserts that follow it in the
    /// same list stay, the ones before it are dropped.
    /// </summary>
    public sealed record DeleteGrantsOfApplication(Guid ApplicationId) : ReadModelWrite;
}

/// <summary>
/// The application list/detail read model. <see cref="Participants"/> relate users (or role groups such as
/// "role:steward") to the application: "applicant", "member", "todo", "handled"...; list views query them.
/// </summary>
public sealed record ApplicationRow(
    Guid Id,
    string ApplicantId,
    string Status,
    string? Title,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? Deadline,
    string Detail,
    IReadOnlyList<Participant> Participants);

public sealed record Participant(string UserId, string Relation);

/// <summary>
/// Rows where one of <see cref="ParticipantIds"/> has one of <see cref="Relations"/>; with no participant ids, all rows.
/// Ordered by <see cref="OrderByDeadline"/> (oldest deadline first, then oldest update) or newest update first.
/// </summary>
public sealed record ApplicationQuery(
    IReadOnlyList<string> ParticipantIds,
    IReadOnlyList<string> Relations,
    int Limit = 100,
    bool OrderByDeadline = false);

/// <summary>The open transaction a consumer's effects are written in.</summary>
public interface IStoreTransaction
{
    DbConnection Connection { get; }
    DbTransaction Transaction { get; }
    Task WriteAsync(ReadModelWrite write, CancellationToken ct = default);
}
