using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessRequests.Domain.Tests;

/// <summary>
/// An event written out with all its values, for comparing events by value: records holding lists or dictionaries
/// compare those by reference. Uses plain System.Text.Json, not the stored format under test, and sorts object keys
/// so dictionaries compare regardless of order.
/// </summary>
internal static class Canonical
{
    public static string Of(ApplicationEvent e) =>
        e.GetType().Name + " " + Sorted(JsonSerializer.SerializeToNode(e, e.GetType()))?.ToJsonString();

    public static IReadOnlyList<string> Of(IEnumerable<ApplicationEvent> events) => [.. events.Select(Of)];

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(i => Sorted(i?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
