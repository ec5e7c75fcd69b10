using System.Text.Json.Nodes;

namespace AccessRequests.EventStore.Tests;

internal static class Assertions
{
    /// <summary>Same JSON value; PostgreSQL's jsonb does not keep the spacing or key order of the text.</summary>
    public static void ShouldBeJson(this string actual, string expected) =>
        JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected))
            .ShouldBeTrue($"expected JSON {expected} but got {actual}");

    /// <summary>Same row, participants compared as sets (the store does not keep their order).</summary>
    public static void ShouldBeRow(this ApplicationRow? actual, ApplicationRow expected)
    {
        actual.ShouldNotBeNull();
        Comparable(actual).ShouldBe(Comparable(expected));
    }

    public static object Comparable(ApplicationRow row) => (
        row with { Participants = NoParticipants },
        string.Join("; ", row.Participants.Distinct().Select(p => $"{p.UserId}:{p.Relation}").Order(StringComparer.Ordinal)));

    private static readonly Participant[] NoParticipants = [];
}
