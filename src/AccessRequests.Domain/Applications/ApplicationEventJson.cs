using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccessRequests.Domain.Applications;

/// <summary>Events as stored: the stable name plus camelCase JSON of the event's own fields.</summary>
public static class ApplicationEventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static (string Type, string Json) Serialize(ApplicationEvent @event) =>
        (EventNames.Of(@event), JsonSerializer.Serialize(@event, @event.GetType(), Options));

    public static ApplicationEvent Deserialize(string type, string json)
    {
        if (!EventNames.ByName.TryGetValue(type, out var clrType))
        {
            throw new InvalidOperationException($"Unknown application event type '{type}'.");
        }
        return (ApplicationEvent)(JsonSerializer.Deserialize(json, clrType, Options)
            ?? throw new InvalidOperationException($"Event '{type}' has no data."));
    }
}
