using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;

namespace AccessRequests.Web.Http;

/// <summary>
/// Reads and validates a JSON request body, so that every malformed or invalid body gets the same answer:
/// 400 problem details whose <c>errors</c> name each field and the rule it breaks.
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        MaxDepth = 32,
        // null where the request type has no null (e.g. "conditions": null) is the wrong type, not a crash further on.
        RespectNullableAnnotations = true,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer instead.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, IValidator<T>? validator = null, bool emptyMeansDefault = false)
        where T : class, new()
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge(MaxBytes));
        }
        T? value;
        try
        {
            using var limited = new LimitedStream(request.Body, MaxBytes);
            using var buffer = new MemoryStream();
            await limited.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            if (buffer.Length == 0)
            {
                value = emptyMeansDefault ? new T() : null;
                if (value is null)
                {
                    return (null, Problems.Validation(new() { ["body"] = ["A JSON body is required."] }));
                }
            }
            else
            {
                if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                    && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON (Content-Type: application/json)."));
                }
                var json = buffer.ToArray();
                value = JsonSerializer.Deserialize<T>(json, Options);
                if (value is null)
                {
                    return (null, Problems.Validation(new() { ["body"] = ["The body must be a JSON object."] }));
                }
                if (JsonStrings.FirstUnsafe(json, Options.MaxDepth) is { } field)
                {
                    return (null, Problems.Validation(new() { [field] = [JsonStrings.Refusal] }));
                }
            }
        }
        catch (LimitedStream.TooLargeException)
        {
            return (null, Problems.TooLarge(MaxBytes));
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation(new() { [FieldName(e.Path)] = [JsonMessage(e)] }));
        }

        if (validator is not null)
        {
            var result = await validator.ValidateAsync(value, request.HttpContext.RequestAborted);
            if (!result.IsValid)
            {
                return (null, Problems.Validation(RequestValidationException.From(result).Errors));
            }
        }
        return (value, null);
    }

    private static string FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string JsonMessage(JsonException e) =>
        e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "This field is not part of the request."
        : e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "The value has the wrong type."
        : "The JSON is malformed.";

    /// <summary>FluentValidation names properties in PascalCase; the wire uses camelCase.</summary>
    public static string Camel(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
