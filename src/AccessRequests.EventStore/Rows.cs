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

    public const string UserColumns = "id, name, email, language, frequency, updated_at";

    public const string NotificationColumns = "id, user_id, kind, application_id, data, created_at, read_at";

    public const string MailColumns =
        "id, recipient, recipient_name, language, subject, text_body, html_body, created_at, state, attempts, due_at, sent_at, last_error";

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

    public static UserProfile User(DbDataReader reader) => new(
        UserId: reader.GetString(0),
        Name: reader.GetString(1),
        Email: reader.IsDBNull(2) ? null : reader.GetString(2),
        Language: reader.GetString(3),
        Frequency: Enum.Parse<MailFrequency>(reader.GetString(4), ignoreCase: true),
        UpdatedAt: reader.GetFieldValue<DateTimeOffset>(5));

    public static Task<List<UserProfile>> UsersAsync(DbDataReader reader, CancellationToken ct) => AllAsync(reader, User, ct);

    public static NotificationRow Notification(DbDataReader reader) => new(
        Id: reader.GetGuid(0),
        UserId: reader.GetString(1),
        Kind: reader.GetString(2),
        ApplicationId: reader.IsDBNull(3) ? null : reader.GetGuid(3),
        Data: reader.GetString(4),
        CreatedAt: reader.GetFieldValue<DateTimeOffset>(5),
        ReadAt: reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));

    public static Task<List<NotificationRow>> NotificationsAsync(DbDataReader reader, CancellationToken ct) =>
        AllAsync(reader, Notification, ct);

    public static MailRow Mail(DbDataReader reader) => new(
        new OutgoingMail(
            Id: reader.GetGuid(0),
            To: reader.GetString(1),
            ToName: reader.IsDBNull(2) ? null : reader.GetString(2),
            Language: reader.GetString(3),
            Subject: reader.GetString(4),
            Text: reader.GetString(5),
            Html: reader.GetString(6),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(7)),
        State: Enum.Parse<MailState>(reader.GetString(8), ignoreCase: true),
        Attempts: reader.GetInt32(9),
        DueAt: reader.GetFieldValue<DateTimeOffset>(10),
        SentAt: reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        LastError: reader.IsDBNull(12) ? null : reader.GetString(12));

    public static Task<List<MailRow>> MailsAsync(DbDataReader reader, CancellationToken ct) => AllAsync(reader, Mail, ct);

    /// <summary>How an enum value is kept in a text column: its name in lower case ("pending", "daily").</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

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
