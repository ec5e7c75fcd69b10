using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AccessRequests.Testing;

/// <summary>
/// Just enough MIME to read what the service sends and what exim adds: unfolded headers, RFC 2047 encoded words,
/// multipart bodies and base64 or quoted-printable parts in their charset. Text is kept as Latin-1 while parsing, one
/// char per byte, so that a part's bytes reach its own charset's decoder unchanged.
/// </summary>
public sealed partial class MimeEntity
{
    private readonly List<KeyValuePair<string, string>> headers;

    private MimeEntity(List<KeyValuePair<string, string>> headers, string body)
    {
        this.headers = headers;
        Body = body;
        (MediaType, Parameters) = ParseContentType(Header("Content-Type") ?? "text/plain; charset=us-ascii");
        if (MediaType.StartsWith("multipart/", StringComparison.Ordinal) && Parameters.TryGetValue("boundary", out var boundary))
        {
            Parts = SplitParts(body, boundary).Select(Parse).ToList();
        }
    }

    /// <summary>Lower case, e.g. <c>text/plain</c> or <c>multipart/alternative</c>.</summary>
    public string MediaType { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The undecoded body (Latin-1, line ends as LF).</summary>
    public string Body { get; }

    public IReadOnlyList<MimeEntity> Parts { get; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

    // Only CR LF: ReplaceLineEndings would also take U+0085, which is the byte 0x85 here (the second byte of UTF-8 "Å").
    public static MimeEntity Parse(byte[] bytes) =>
        Parse(Encoding.Latin1.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal));

    private static MimeEntity Parse(string text)
    {
        var split = text.StartsWith('\n') ? 0 : text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + (split == 0 ? 1 : 2))..];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in head.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (line[0] is ' ' or '\t' && headers.Count > 0)
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + line);
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }
        return new MimeEntity(headers, body);
    }

    /// <summary>The first header of that name, raw bytes read as UTF-8 and encoded words not yet decoded.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(value));
            }
        }
        return null;
    }

    /// <summary>The first header of that name with its RFC 2047 encoded words decoded.</summary>
    public string? DecodedHeader(string name) => Header(name) is { } value ? DecodeWords(value) : null;

    /// <summary>The body decoded from its transfer encoding and charset, line ends as LF.</summary>
    public string DecodedText()
    {
        var bytes = (Header("Content-Transfer-Encoding") ?? "7bit").Trim().ToLowerInvariant() switch
        {
            "base64" => Convert.FromBase64String(new string(Body.Where(c => !char.IsWhiteSpace(c)).ToArray())),
            "quoted-printable" => DecodeQuotedPrintable(Body),
            _ => Encoding.Latin1.GetBytes(Body),
        };
        var charset = Parameters.TryGetValue("charset", out var c) ? c : "utf-8";
        return CharsetEncoding(charset).GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>This entity and every part inside it, depth first.</summary>
    public IEnumerable<MimeEntity> Descendants()
    {
        yield return this;
        foreach (var part in Parts)
        {
            foreach (var inner in part.Descendants())
            {
                yield return inner;
            }
        }
    }

    public static string DecodeWords(string value)
    {
        // White space between two encoded words is not part of the text (RFC 2047 §6.2).
        var joined = AdjacentWords().Replace(value, "$1");
        return EncodedWord().Replace(joined, m =>
        {
            var charset = m.Groups["charset"].Value.Split('*')[0];
            var data = m.Groups["data"].Value;
            var bytes = m.Groups["encoding"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(data)
                : DecodeQuotedPrintable(data.Replace('_', ' '));
            return CharsetEncoding(charset).GetString(bytes);
        });
    }

    private static byte[] DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '=' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++; // a soft line break
            }
            else if (c == '=' && i + 2 < text.Length
                && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add((byte)c);
            }
        }
        return [.. bytes];
    }

    private static Encoding CharsetEncoding(string charset) =>
        charset.Trim().ToLowerInvariant() switch
        {
            "us-ascii" or "ascii" or "utf-8" or "utf8" or "" => Encoding.UTF8,
            var other => Encoding.GetEncoding(other),
        };

    private static (string, IReadOnlyDictionary<string, string>) ParseContentType(string value)
    {
        var pieces = SplitOutsideQuotes(value, ';');
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var piece in pieces.Skip(1))
        {
            var eq = piece.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parameters[piece[..eq].Trim()] = piece[(eq + 1)..].Trim().Trim('"');
            }
        }
        return (pieces[0].Trim().ToLowerInvariant(), parameters);
    }

    private static List<string> SplitOutsideQuotes(string value, char separator)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in value)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            if (c == separator && !quoted)
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        pieces.Add(current.ToString());
        return pieces;
    }

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        StringBuilder? part = null;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter + "--")
            {
                break;
            }
            if (trimmed == delimiter)
            {
                if (part is not null)
                {
                    yield return WithoutLastLineEnd(part);
                }
                part = new StringBuilder();
                continue;
            }
            part?.Append(line).Append('\n');
        }
        if (part is not null)
        {
            yield return WithoutLastLineEnd(part);
        }
    }

    // The line end before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
    private static string WithoutLastLineEnd(StringBuilder part)
    {
        var text = part.ToString();
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    [GeneratedRegex(@"(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)")]
    private static partial Regex AdjacentWords();

    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<encoding>[BbQq])\?(?<data>[^?\s]*)\?=")]
    private static partial Regex EncodedWord();
}
