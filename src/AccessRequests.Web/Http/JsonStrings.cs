using System.Text;
using System.Text.Json;

namespace AccessRequests.Web.Http;

/// <summary>
/// Finds the first string in a JSON text (a value or a property name) that no person typed: control characters other
/// than tab and line breaks, or a lone UTF-16 surrogate. Such text would reach the history (PostgreSQL's jsonb refuses
/// \u0000 outright: a 500), the UI and the provisioning systems' logs, so the body is refused with the field named.
/// </summary>
public static class JsonStrings
{
    public const string Refusal = "Text may not hold control characters (other than tab and line breaks) or lone UTF-16 surrogates.";

    /// <summary>The path of the first unsafe string (e.g. <c>answers.summary</c>, <c>terms[0].text</c>), or null when all are safe.</summary>
    public static string? FirstUnsafe(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        // One frame per open object or array: the current property name, or the current index.
        var frames = new List<(bool IsArray, string Name, int Index)>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Advance(frames);
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, "", -1));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    var name = Read(ref reader);
                    frames[^1] = (false, name ?? "", -1);
                    if (name is null)
                    {
                        return PathOf(frames);
                    }
                    break;
                case JsonTokenType.String:
                    Advance(frames);
                    if (Read(ref reader) is null)
                    {
                        return PathOf(frames);
                    }
                    break;
                default:
                    Advance(frames);
                    break;
            }
        }
        return null;
    }

    /// <summary>The string, or null when it is unsafe.</summary>
    private static string? Read(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) cannot be read as UTF-16 text.
            return null;
        }
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return null;
            }
        }
        return text;
    }

    /// <summary>A value in an array moves its index on.</summary>
    private static void Advance(List<(bool IsArray, string Name, int Index)> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static string PathOf(List<(bool IsArray, string Name, int Index)> frames)
    {
        var path = new StringBuilder();
        foreach (var (isArray, name, index) in frames)
        {
            if (isArray)
            {
                path.Append('[').Append(index).Append(']');
            }
            else if (name.Length > 0)
            {
                path.Append(path.Length == 0 ? "" : ".").Append(name);
            }
        }
        return path.Length == 0 ? "body" : path.ToString();
    }
}
