using System.Data.Common;

namespace AccessRequests.EventStore;

/// <summary>Reads rows by hand: the two drivers return different CLR types for the same column, the getters agree.</summary>
internal static class Rows
{
    public const string EventColumns =
        "global_position, tx, event_id, stream_id, stream_version, type, data, metadata, recorded_at";

    public const string ApplicationColumns =
        "id, applicant_id, status, title, version, created_at, updated_at, submitted_at, deadline, detail";

    public const string TimerColumns = "id, stream_id, kind, due_at, payload";

    public const string GrantColumns =
        "grant_id, application_id, user_id, dataset_id, location, dac_id, valid_from, valid_until, status, updated_at, detail";

    public static RecordedEvent Event(DbDataReader reader) => new(
        GlobalPosition: reader.GetInt64(0),
        Transaction: reader.GetFieldValue<ulong>(1),
        EventId: reader.GetGuid(2),
        StreamId: reader.GetString(3),
        StreamVersion: reader.GetInt64(4),
        Type: reader.GetString(5),
        Data: reader.GetString(6),
        Metadata: reader.GetString(7),
        RecordedAt: reader.GetFieldValue<DateTimeOffset>(8));

    public static Task<List<RecordedEvent>> EventsAsync(DbDataReader reader, CancellationToken ct) => AllAsync(reader, Event, ct);

    public static ApplicationRow Application(DbDataReader reader) => new(
        Id: reader.GetGuid(0),
        ApplicantId: reader.GetString(1),
        Status: reader.GetString(2),
        Title: reader.IsDBNull(3) ? null : reader.GetString(3),
        Version: reader.GetInt64(4),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(5),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(6),
        SubmittedAt: reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        Deadline: reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        Detail: reader.GetString(9),
        Participants: []);

    public static ScheduledTimer Timer(DbDataReader reader) => new(
        Id: reader.GetString(0),
        StreamId: reader.GetString(1),
        Kind: reader.GetString(2),
        DueAt: reader.GetFieldValue<DateTimeOffset>(3),
        Payload: reader.GetString(4));

    public static Task<List<ScheduledTimer>> TimersAsync(DbDataReader reader, CancellationToken ct) => AllAsync(reader, Timer, ct);

    public static GrantRow Grant(DbDataReader reader) => new(
        GrantId: reader.GetGuid(0),
        ApplicationId: reader.GetGuid(1),
        UserId: reader.GetString(2),
        DatasetId: reader.GetString(3),
        Location: reader.GetString(4),
        DacId: reader.GetString(5),
        ValidFrom: reader.GetFieldValue<DateTimeOffset>(6),
        ValidUntil: reader.GetFieldValue<DateTimeOffset>(7),
        Status: reader.GetString(8),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(9),
        Detail: reader.GetString(10));

    public static Task<List<GrantRow>> GrantsAsync(DbDataReader reader, CancellationToken ct) => AllAsync(reader, Grant, ct);

    private static async Task<List<T>> AllAsync<T>(DbDataReader reader, Func<DbDataReader, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(row(reader));
        }
        return rows;
    }
}
