using System.Text.Json;
using System.Text.Json.Nodes;
using static AccessRequests.Domain.Applications.CommentVisibility;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class EventJsonSpecs
{
    /// <summary>One event of each type, every field set to something other than its default.</summary>
    private static readonly ApplicationEvent[] Samples =
    [
        History.Created() with { CopiedFrom = NewApplicationId },
        History.DraftSaved(),
        History.Invited(Invitee),
        History.Joined(Invitee),
        History.Removed(TeamMember, by: Steward),
        History.AcceptedTerms(TeamMember, TermsV2),
        History.AttachmentAdded(TeamMember),
        History.Submitted(),
        History.Withdrawn(),
        History.Closed(Steward) with { Reason = "Duplicate of another application." },
        new ApplicationEvent.CopiedAsNew("applicant", T0, NewApplicationId),
        History.CommentAdded(Steward, Internal),
    ];

    /// <summary>Written out here so that renaming one breaks this test: stored events keep their names forever.</summary>
    private static readonly (Type Type, string Name)[] StoredNames =
    [
        (typeof(ApplicationEvent.Created), "application-created"),
        (typeof(ApplicationEvent.DraftSaved), "draft-saved"),
        (typeof(ApplicationEvent.MemberInvited), "member-invited"),
        (typeof(ApplicationEvent.MemberJoined), "member-joined"),
        (typeof(ApplicationEvent.MemberRemoved), "member-removed"),
        (typeof(ApplicationEvent.TermsAccepted), "terms-accepted"),
        (typeof(ApplicationEvent.AttachmentAdded), "attachment-added"),
        (typeof(ApplicationEvent.Submitted), "application-submitted"),
        (typeof(ApplicationEvent.Withdrawn), "application-withdrawn"),
        (typeof(ApplicationEvent.Closed), "application-closed"),
        (typeof(ApplicationEvent.CopiedAsNew), "application-copied"),
        (typeof(ApplicationEvent.CommentAdded), "comment-added"),
    ];

    public static TheoryData<string> SampleTypes => [.. Samples.Select(s => s.GetType().Name)];

    [Fact]
    public void there_is_a_sample_of_every_event_type()
    {
        var eventTypes = typeof(ApplicationEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ApplicationEvent)));
        Samples.Select(s => s.GetType()).ShouldBe(eventTypes, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void every_event_reads_back_as_it_was_written(string type)
    {
        var sample = Samples.Single(s => s.GetType().Name == type);
        var (name, json) = ApplicationEventJson.Serialize(sample);

        var read = ApplicationEventJson.Deserialize(name, json);

        read.ShouldBeOfType(sample.GetType());
        Canonical.Of(read).ShouldBe(Canonical.Of(sample));
    }

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void only_the_events_own_fields_are_stored(string type)
    {
        var sample = Samples.Single(s => s.GetType().Name == type);
        var ownFields = sample.GetType().GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));

        var stored = JsonNode.Parse(ApplicationEventJson.Serialize(sample).Json)!.AsObject();

        stored.Select(p => p.Key).ShouldBe(ownFields, ignoreOrder: true);
    }

    [Fact]
    public void events_are_stored_under_their_stable_names()
    {
        Samples.Select(s => (s.GetType(), ApplicationEventJson.Serialize(s).Type)).ShouldBe(StoredNames, ignoreOrder: true);
        EventNames.ByName.Keys.ShouldBe(StoredNames.Select(n => n.Name), ignoreOrder: true);
    }

    [Theory]
    [InlineData("application-approved")]
    [InlineData("Created")]
    [InlineData("")]
    public void an_unknown_type_name_cannot_be_read(string type) =>
        Should.Throw<InvalidOperationException>(() => ApplicationEventJson.Deserialize(type, "{}"));

    [Fact]
    public void an_event_without_data_cannot_be_read() =>
        Should.Throw<InvalidOperationException>(() => ApplicationEventJson.Deserialize("application-closed", "null"));

    [Fact]
    public void json_stored_today_still_reads()
    {
        // camelCase fields and kebab-case enum values, as events are stored now.
        const string json = """
            {"commentId":"01972f3a-0000-7000-8000-0000000000c1","text":"Please attach the ethics approval.",
             "visibility":"internal","actorId":"steward","at":"2025-06-02T09:00:00+02:00"}
            """;

        Canonical.Of(ApplicationEventJson.Deserialize("comment-added", json))
            .ShouldBe(Canonical.Of(History.CommentAdded(Steward, Internal)));
    }
}
