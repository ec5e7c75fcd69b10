using System.Text.Json;

namespace AccessRequests.Domain.Workflows;

/// <summary>Problems found in one file so far.</summary>
internal sealed class FileProblems(string file)
{
    public List<WorkflowProblem> All { get; } = [];

    public void Add(string path, string message) => All.Add(new WorkflowProblem(file, path, message));
}

/// <summary>
/// Reads the fields of one JSON object, reporting every wrong or missing one instead of stopping at the first.
/// <paramref name="subject"/> prefixes messages (e.g. <c>step "dac": </c>); <paramref name="noun"/> names fields (e.g. <c>setting </c>).
/// </summary>
internal sealed class JsonFields(FileProblems problems, JsonElement element, string path, string subject = "", string noun = "")
{
    public string Path => path;

    public JsonFields About(string newSubject, string newNoun = "") => new(problems, element, path, newSubject, newNoun);

    public void Problem(string key, string message) => problems.Add(PathOf(key), subject + message);

    public void ProblemHere(string message) => problems.Add(path, subject + message);

    /// <summary>Reports keys that are not <paramref name="known"/> (typos would otherwise be silently ignored) and repeated keys.</summary>
    public void OnlyKeys(IReadOnlyCollection<string> known, string? unknownMessage = null)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Problem(property.Name, $"{Name(property.Name)} appears more than once");
            }
            else if (!known.Contains(property.Name))
            {
                Problem(property.Name, unknownMessage is null
                    ? $"unknown {noun}\"{property.Name}\" (known: {string.Join(", ", known)})"
                    : string.Format(System.Globalization.CultureInfo.InvariantCulture, unknownMessage, property.Name));
            }
        }
    }

    public string? String(string key, bool required)
    {
        if (Get(key, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.Trim().Length > 0)
            return text;
        Problem(key, $"{Name(key)} must be a non-empty string, not {Show(value)}");
        return null;
    }

    public int? Int(string key, bool required, int min, int max)
    {
        if (Get(key, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            return number;
        Problem(key, $"{Name(key)} must be a whole number from {min} to {max}, not {Show(value)}");
        return null;
    }

    public bool? Bool(string key, bool required)
    {
        if (Get(key, required) is not { } value)
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        Problem(key, $"{Name(key)} must be true or false, not {Show(value)}");
        return null;
    }

    public List<string>? Strings(string key, bool required)
    {
        if (Get(key, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(IsText))
            return value.EnumerateArray().Select(v => v.GetString()!).ToList();
        Problem(key, $"{Name(key)} must be a list of non-empty strings, not {Show(value)}");
        return null;
    }

    public List<JsonElement>? Array(string key, bool required)
    {
        if (Get(key, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Array)
            return value.EnumerateArray().ToList();
        Problem(key, $"{Name(key)} must be a list, not {Show(value)}");
        return null;
    }

    public JsonFields? Object(string key, bool required, string? newSubject = null, string newNoun = "")
    {
        if (Get(key, required) is not { } value)
            return null;
        if (value.ValueKind == JsonValueKind.Object)
            return new JsonFields(problems, value, PathOf(key), newSubject ?? subject, newNoun);
        Problem(key, $"{Name(key)} must be an object, not {Show(value)}");
        return null;
    }

    public static string Show(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }

    private static bool IsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length > 0;

    private JsonElement? Get(string key, bool required)
    {
        if (element.TryGetProperty(key, out var value))
            return value;
        if (required)
            Problem(key, $"{Name(key)} is missing");
        return null;
    }

    private string Name(string key) => $"{noun}\"{key}\"";

    private string PathOf(string key) => path.Length == 0 ? key : $"{path}.{key}";
}
