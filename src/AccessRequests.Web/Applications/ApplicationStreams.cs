using System.Text.Json;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Applications;

/// <summary>How application events are kept in the store: stream ids, stored names, metadata.</summary>
public static class ApplicationStreams
{
    public const string StreamType = "application";

    public static string StreamId(Guid applicationId) => $"application-{applicationId}";

    public static bool IsApplicationEvent(RecordedEvent e) => EventNames.ByName.ContainsKey(e.Type);

    public static ApplicationEvent ToDomain(RecordedEvent e) => ApplicationEventJson.Deserialize(e.Type, e.Data);

    public static EventData ToData(ApplicationEvent e, string correlationId)
    {
        var (type, json) = ApplicationEventJson.Serialize(e);
        var metadata = JsonSerializer.Serialize(new { actor = e.ActorId, correlationId }, JsonSerializerOptions.Web);
        return new EventData(Guid.CreateVersion7(), type, json, metadata);
    }

    public static ApplicationState Fold(IEnumerable<RecordedEvent> events) => Fold(ApplicationState.Initial, events);

    /// <summary>The state after <paramref name="events"/>, which follow those <paramref name="state"/> was folded from.</summary>
    public static ApplicationState Fold(ApplicationState state, IEnumerable<RecordedEvent> events) =>
        events.Where(IsApplicationEvent).Select(ToDomain).Aggregate(state, ApplicationEvolver.Evolve);
}
