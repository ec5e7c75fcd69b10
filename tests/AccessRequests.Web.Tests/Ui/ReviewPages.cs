using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>What the review pages' tests share: applications brought to review by API, and reading a page's parts.</summary>
public static partial class ReviewPages
{
    /// <summary>An application by someone whose sign-in shows no Danish institution: the affiliation waits for a steward.</summary>
    public static async Task<Guid> SubmittedWithDeclaredAffiliation(this HttpClient outsider)
    {
        var id = await outsider.CreateApplication(Api.Wgs);
        await outsider.Command(id, "save-draft", Api.CompleteDraft("Epilepsy variants, declared affiliation")).Ok();
        await outsider.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        await outsider.Command(id, "declare-affiliation", new { institution = "sdu.dk", position = "Postdoc", supervisorEmail = "pi@sdu.dk" }).Ok();
        await outsider.Command(id, "accept-terms").Ok();
        await outsider.Command(id, "submit").Ok();
        return id;
    }

    /// <summary>
    /// Submits the form <paramref name="form"/> of the page as the browser would, with the version its hidden input shows
    /// unless a field gives one (the stale-form test does); answers the page shown after with its text decoded, as
    /// <see cref="UiForms.Read"/> does.
    /// </summary>
    public static Task<(HttpStatusCode Status, string Html)> Act(this HttpClient client, string path, string form, params (string Name, string Value)[] fields) =>
        client.Act("en", path, form, fields);

    public static async Task<(HttpStatusCode Status, string Html)> Act(this HttpClient client, string language, string path, string form, params (string Name, string Value)[] fields)
    {
        var answer = await client.Post(path, form, page => fields.Any(f => f.Name == "version") ? fields : [("version", Version(page)), .. fields], language);
        return (answer.StatusCode, UiForms.Text(await answer.Content.ReadAsStringAsync()));
    }

    public static string Version(string html) => VersionInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new ShouldAssertException("The page has no version input.");

    /// <summary>The HTML of the inbox row of <paramref name="id"/>.</summary>
    public static string Row(string html, Guid id) =>
        Regex.Match(html, $"<tr data-application=\"{id}\">(.*?)</tr>", RegexOptions.Singleline) is { Success: true } m
            ? UiForms.Text(m.Groups[1].Value)
            : throw new ShouldAssertException($"The inbox has no row for {id}.");

    public static string Status(this JsonElement application) => application.GetProperty("status").GetString()!;

    public static async Task<List<JsonElement>> Grants(this HttpClient staff, Guid applicationId) =>
        [.. (await staff.Get("/api/grants")).EnumerateArray().Where(g => g.GetProperty("applicationId").GetGuid() == applicationId)];

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionInput();
}
