using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using AccessRequests.Domain;

namespace AccessRequests.Web.Ui;

/// <summary>
/// The UI's words. The English text is the key; the Danish lives in a <c>*.da.json</c> file beside each component
/// (embedded in the assembly), so a page and its translation change together. A test checks that every text the UI
/// asks for has its Danish.
/// </summary>
public sealed class Texts
{
    public static readonly IReadOnlyList<string> Languages = ["en", "da"];

    private static readonly FrozenDictionary<string, string> Danish = Load();

    /// <summary>The language of this request: Danish or English.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da" ? "da" : "en";

    public string this[string english] => Language == "da" && Danish.TryGetValue(english, out var da) ? da : english;

    public string this[string english, params object?[] args] => string.Format(CultureInfo.CurrentCulture, this[english], args);

    /// <summary>A refusal of the domain in the reader's language: by its rule where it is translated, else as the domain said it.</summary>
    public string Error(DomainException e) => Language == "da" && Danish.TryGetValue("rule:" + e.Rule, out var da) ? da : e.Message;

    /// <summary>Every English text that has Danish (for the completeness test).</summary>
    public static IReadOnlyCollection<string> TranslatedKeys => Danish.Keys;

    public string Date(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("d MMM yyyy", CultureInfo.CurrentCulture) : "";

    public string DateTime(DateTimeOffset? at) => at is { } t ? t.ToLocalTime().ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture) : "";

    public string Date(DateOnly? day) => day is { } d ? d.ToString("d MMM yyyy", CultureInfo.CurrentCulture) : "";

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(Texts).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".da.json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (english, danish) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
            {
                if (texts.TryGetValue(english, out var other) && other != danish)
                {
                    throw new InvalidOperationException($"'{english}' is translated twice, differently ({name}).");
                }
                texts[english] = danish;
            }
        }
        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
