using System.Text.RegularExpressions;
using AccessRequests.Web.Ui;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>Every text the UI shows in English has its Danish: the keys asked for in components and code, found in the source.</summary>
public sealed partial class UiTranslations
{
    [Fact]
    public void every_text_the_ui_asks_for_has_its_danish()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "src", "AccessRequests.Web", "Ui");
        var missing = new List<string>();
        var asked = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".razor") || f.EndsWith(".cs")))
        {
            foreach (Match m in TextKey().Matches(File.ReadAllText(file)))
            {
                asked++;
                var english = Regex.Unescape(m.Groups[1].Value);
                if (!Texts.TranslatedKeys.Contains(english))
                {
                    missing.Add($"{Path.GetRelativePath(folder, file)}: \"{english}\"");
                }
            }
        }
        asked.ShouldBeGreaterThan(20);
        missing.ShouldBeEmpty("These texts have no Danish in a *.da.json beside their component:\n" + string.Join("\n", missing.Distinct()));
    }

    [GeneratedRegex("""(?:\bL|\btexts|\bTexts)\["((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex TextKey();
}
