using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AccessRequests.Web.Http;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>One hostile request body and the answer it must get: the status, and the field the problem must name (if any).</summary>
public sealed record Malformation(string Name, HttpContent Content, HttpStatusCode Expected, string? Field);

/// <summary>
/// Everything a hostile client can do to a JSON body: break the JSON, change its shape, send it too big, and per
/// property of the request type: the wrong type, null where the contract has no null, a very long string, control
/// characters, and a lone UTF-16 surrogate.
/// </summary>
public static class Malformations
{
    private const int OverLimit = (int)JsonBody.MaxBytes + 1024;

    public static IEnumerable<Malformation> For(Type requestType, JsonObject valid)
    {
        var text = valid.ToJsonString();
        // Cut mid-way, the problem names the field the JSON broke off in, or the body.
        yield return new("truncated", Json(text[..(text.Length / 2)]), HttpStatusCode.BadRequest, null);
        yield return new("not JSON", Json("<html><body>not json</body></html>"), HttpStatusCode.BadRequest, "body");
        yield return new("an array instead of an object", Json($"[{text}]"), HttpStatusCode.BadRequest, "body");
        yield return new("a string instead of an object", Json("\"hello\""), HttpStatusCode.BadRequest, "body");
        yield return new("null instead of an object", Json("null"), HttpStatusCode.BadRequest, "body");
        yield return new("nested 10,000 deep", Json("{\"deep\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), HttpStatusCode.BadRequest, null);
        yield return new("invalid UTF-8", Bytes([.. "{\"x\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8]), HttpStatusCode.BadRequest, null);
        yield return new("an unknown property", Json(With(valid, "hostileExtra", JsonValue.Create(1))), HttpStatusCode.BadRequest, "hostileExtra");
        yield return new("JSON as text/plain", new StringContent(text, Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, null);
        yield return new("oversized, with Content-Length", Json(With(valid, "padding", JsonValue.Create(new string('x', OverLimit)))),
            HttpStatusCode.RequestEntityTooLarge, null);
        yield return new("oversized, chunked (no Content-Length)", Chunked(With(valid, "padding", JsonValue.Create(new string('x', OverLimit)))),
            HttpStatusCode.RequestEntityTooLarge, null);

        foreach (var property in Properties(requestType))
        {
            foreach (var (kind, value) in WrongTypes(property))
            {
                yield return new($"{property.Name}: {kind}", Json(With(valid, property.Name, value)), HttpStatusCode.BadRequest, property.Name);
            }
            if (property.IsString)
            {
                yield return new($"{property.Name}: a 1 MB string", Json(With(valid, property.Name, JsonValue.Create(new string('a', 1 << 20)))),
                    HttpStatusCode.RequestEntityTooLarge, null);
                yield return new($"{property.Name}: a 100,000-character string", Json(With(valid, property.Name, JsonValue.Create(new string('a', 100_000)))),
                    HttpStatusCode.BadRequest, property.Name);
                yield return new($"{property.Name}: control characters", Json(With(valid, property.Name, JsonValue.Create("ok\u0000\u0007\u001b[2J\u007f"))),
                    HttpStatusCode.BadRequest, property.Name);
                // A lone surrogate cannot be written by a JSON writer; it is spelled as the escape a hostile client sends.
                yield return new($"{property.Name}: a lone UTF-16 surrogate",
                    Json(With(valid, property.Name, JsonValue.Create("SURROGATE")).Replace("\"SURROGATE\"", "\"ok\\ud800\"")),
                    HttpStatusCode.BadRequest, property.Name);
            }
        }
    }

    public sealed record Property(string Name, Type Type, bool Nullable)
    {
        public bool IsString => Type == typeof(string);
    }

    /// <summary>The request type's JSON properties (camelCase, as the API reads them), and whether null is part of the contract.</summary>
    public static IEnumerable<Property> Properties(Type requestType)
    {
        var nullability = new NullabilityInfoContext();
        return requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => new Property(
                JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType,
                Nullable.GetUnderlyingType(p.PropertyType) is not null || nullability.Create(p).WriteState == NullabilityState.Nullable));
    }

    /// <summary>Values of every JSON kind but the property's own; null where the property may not be null.</summary>
    private static IEnumerable<(string Kind, JsonNode? Value)> WrongTypes(Property p)
    {
        var t = p.Type;
        var isArray = t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) && !IsDictionary(t);
        var isObject = IsDictionary(t) || (t.IsClass && t != typeof(string) && !isArray);
        // A string is the right kind for a string, and for a date, a GUID or an enum only in its own format.
        if (t != typeof(string))
        {
            yield return ("a string", JsonValue.Create("not-a-" + t.Name));
        }
        if (!IsNumber(t))
        {
            yield return ("a number", JsonValue.Create(42));
        }
        if (!isObject)
        {
            yield return ("an object", new JsonObject { ["a"] = 1 });
        }
        if (!isArray)
        {
            yield return ("an array", new JsonArray(1, 2));
        }
        if (t != typeof(bool))
        {
            yield return ("true", JsonValue.Create(true));
        }
        if (!p.Nullable)
        {
            yield return ("null", null);
        }
    }

    private static bool IsDictionary(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var d && (d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>));

    private static bool IsNumber(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal);

    private static string With(JsonObject valid, string name, JsonNode? value)
    {
        var copy = (JsonObject)valid.DeepClone();
        copy[name] = value;
        return copy.ToJsonString();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    /// <summary>A body without Content-Length: the limit must hold while reading, not only by the header.</summary>
    private static StreamContent Chunked(string text)
    {
        var content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
