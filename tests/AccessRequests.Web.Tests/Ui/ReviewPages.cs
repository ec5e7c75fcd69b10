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
    /// A client signed in as the demo user that does not follow redirects by itself: the Act helpers follow them with
    /// the token (an automatic redirect would drop it), and keeps the antiforgery cookie.
    /// </summary>
    public static async Task<HttpClient> Browser(this ServiceFactory service, string userId)
    {
        var client = service.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = (await service.ClientFor(userId)).DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>The page as its reader sees the text (entities decoded: æ, ø, å, quotes).</summary>
    public static async Task<(HttpStatusCode Status, string Html)> Read(this HttpClient client, string path, string language = "en")
    {
        var (status, html) = await client.Page(path, language);
        return (status, WebUtility.HtmlDecode(html));
    }

    /// <summary>
    /// Submits the form <paramref name="form"/> of the page as the browser would: with the page's antiforgery token and
    /// the version its hidden input shows (unless a field gives one), following the redirect after success.
    /// </summary>
    public static Task<(HttpStatusCode Status, string Html)> Act(this HttpClient client, string path, string form, params (string Name, string Value)[] fields) =>
        client.Act("en", path, form, fields);

    public static async Task<(HttpStatusCode Status, string Html)> Act(this HttpClient client, string language, string path, string form, params (string Name, string Value)[] fields)
    {
        var (status, page) = await client.Page(path, language);
        status.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain($"name=\"_handler\" value=\"{form}\"", customMessage: $"The page {path} has no form named {form}.");
        var token = Token().Match(page);
        token.Success.ShouldBeTrue($"The page {path} has no antiforgery token.");
        List<KeyValuePair<string, string>> body = [new("_handler", form), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))];
        if (fields.All(f => f.Name != "version"))
        {
            body.Add(new("version", Version(page)));
        }
        body.AddRange(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await client.SendAsync(request);
        if (answer.StatusCode == HttpStatusCode.Found)
        {
            var target = answer.Headers.Location!;
            return await client.Read(target.IsAbsoluteUri ? target.PathAndQuery : target.ToString(), language);
        }
        return (answer.StatusCode, WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
    }

    public static string Version(string html) => VersionInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new ShouldAssertException("The page has no version input.");

    /// <summary>The HTML of the inbox row of <paramref name="id"/>.</summary>
    public static string Row(string html, Guid id) =>
        Regex.Match(html, $"<tr data-application=\"{id}\">(.*?)</tr>", RegexOptions.Singleline) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new ShouldAssertException($"The inbox has no row for {id}.");

    public static string Status(this JsonElement application) => application.GetProperty("status").GetString()!;

    public static async Task<List<JsonElement>> Grants(this HttpClient staff, Guid applicationId) =>
        [.. (await staff.Get("/api/grants")).EnumerateArray().Where(g => g.GetProperty("applicationId").GetGuid() == applicationId)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionInput();
}
