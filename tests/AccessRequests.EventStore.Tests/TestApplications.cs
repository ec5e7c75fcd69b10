using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessRequests.EventStore.Tests;

/// <summary>
/// A small application model for the tests: its events, and one projection used both for the inline read models
/// and for rebuilds, so that the two can be compared. Streams of other types project to nothing.
/// </summary>
internal static class TestApplications
{
    public const string StreamType = "application";
    public const string Titles = "titles";

    private const string Prefix = "application-";

    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static string StreamId(Guid id) => Prefix + id;

    public static EventData Opened(string applicant, string title, DateTimeOffset at) =>
        Event("opened", new { applicant, title, at });

    public static EventData MemberAdded(string user, DateTimeOffset at) => Event("member-added", new { user, at });

    public static EventData Submitted(DateTimeOffset at, DateTimeOffset deadline) => Event("submitted", new { at, deadline });

    public static EventData Renamed(string title, DateTimeOffset at) => Event("renamed", new { title, at });

    /// <summary>The dataset is approved until <paramref name="until"/>: each of the users gets a grant with the given id.</summary>
    public static EventData Approved(string dataset, DateTimeOffset until, DateTimeOffset at, params (Guid Grant, string User)[] grants) =>
        Event("approved", new { dataset, until, at, grants = grants.Select(g => new { id = g.Grant, user = g.User }) });

    public static EventData GrantRevoked(Guid grant, DateTimeOffset at) => Event("grant-revoked", new { grant, at });

    public static EventData Event(string type, object data) =>
        new(Guid.CreateVersion7(), type, JsonSerializer.Serialize(data), """{"actor":"tests","correlation":"c-1"}""");

    public static IEnumerable<ReadModelWrite> Project(IReadOnlyList<RecordedEvent> events) =>
        Project(events[0].StreamId, [.. events.Select(e => (e.Type, e.Data))]);

    public static IEnumerable<ReadModelWrite> Project(string streamId, IReadOnlyList<(string Type, string Data)> events)
    {
        if (!streamId.StartsWith(Prefix, StringComparison.Ordinal) || events.Count == 0)
        {
            return [];
        }
        var id = Guid.Parse(streamId[Prefix.Length..]);
        ApplicationRow? row = null;
        var grants = new List<GrantRow>();
        foreach (var (type, data) in events)
        {
            var json = JsonNode.Parse(data)!;
            var at = json["at"]!.GetValue<DateTimeOffset>();
            row = type switch
            {
                "opened" => new ApplicationRow(id, Text(json, "applicant"), "draft", Text(json, "title"), 0, at, at,
                    null, null, "{}", [new Participant(Text(json, "applicant"), "applicant")]),
                "member-added" => row! with { Participants = [.. row.Participants, new Participant(Text(json, "user"), "member")] },
                "submitted" => row! with
                {
                    Status = "submitted",
                    SubmittedAt = at,
                    Deadline = json["deadline"]!.GetValue<DateTimeOffset>(),
                    Participants = [.. row.Participants, new Participant("role:steward", "todo")],
                },
                "renamed" => row! with { Title = Text(json, "title") },
                _ => row,
            };
            if (type == "approved")
            {
                var dataset = Text(json, "dataset");
                grants.AddRange(json["grants"]!.AsArray().Select(g => new GrantRow(g!["id"]!.GetValue<Guid>(), id,
                    Text(g, "user"), dataset, $"{dataset}-location", "dac-1", at, json["until"]!.GetValue<DateTimeOffset>(),
                    "active", at, """{"conditions":["publish-acknowledgement"]}""")));
            }
            if (type == "grant-revoked")
            {
                var revoked = json["grant"]!.GetValue<Guid>();
                grants = [.. grants.Select(g => g.GrantId == revoked ? g with { Status = "revoked", UpdatedAt = at } : g)];
            }
            row = row! with { Version = row.Version + 1, UpdatedAt = at };
        }
        var detail = JsonSerializer.Serialize(new { row!.Title, members = row.Participants.Count });
        return
        [
            new ReadModelWrite.UpsertApplication(row with { Detail = detail }),
            new ReadModelWrite.UpsertDocument(Titles, id.ToString(), JsonSerializer.Serialize(new { title = row.Title })),
            // The application's grants are written anew every time, as the real projection does.
            new ReadModelWrite.DeleteGrantsOfApplication(id),
            .. grants.Select(g => new ReadModelWrite.UpsertGrant(g)),
        ];
    }

    private static string Text(JsonNode json, string name) => json[name]!.GetValue<string>();
}
