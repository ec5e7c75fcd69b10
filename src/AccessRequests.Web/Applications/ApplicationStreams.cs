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

    /// <param name="e">The event.</param>
    /// <param name="correlationId">What caused the command (a request, a timer).</param>
    /// <param name="append">
    /// The one append the event is written in, the same for every event of a command's decision: a reader of the log
    /// tells commands apart by it (a correlation id may recur, as a timer's does, and SQLite has no transaction ids).
    /// </param>
    public static EventData ToData(ApplicationEvent e, string correlationId, Guid? append = null)
    {
        var (type, json) = ApplicationEventJson.Serialize(e);
        var metadata = append is { } id
            ? JsonSerializer.Serialize(new { actor = e.ActorId, correlationId, append = id }, JsonSerializerOptions.Web)
            : JsonSerializer.Serialize(new { actor = e.ActorId, correlationId }, JsonSerializerOptions.Web);
        return new EventData(Guid.CreateVersion7(), type, json, metadata);
    }

    public static ApplicationState Fold(IEnumerable<RecordedEvent> events) => Fold(ApplicationState.Initial, events);

    /// <summary>The state after <paramref name="events"/>, which follow those <paramref name="state"/> was folded from.</summary>
    public static ApplicationState Fold(ApplicationState state, IEnumerable<RecordedEvent> events) =>
        events.Where(IsApplicationEvent).Select(ToDomain).Aggregate(state, ApplicationEvolver.Evolve);
}
