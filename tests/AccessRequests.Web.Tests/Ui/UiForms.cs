using System.Net;
using System.Text.RegularExpressions;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// The UI as a browser without scripts uses it: GET a page, POST one of its forms with the page's antiforgery token and
/// the form's name (Blazor's <c>_handler</c>), follow the redirect. A client from <see cref="ServiceFactory.ClientFor"/>
/// carries the demo user's token, which the pages accept like a session.
/// </summary>
public static partial class UiForms
{
    public static async Task<(HttpStatusCode Status, string Html)> Page(this HttpClient client, string path, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await client.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the form named <paramref name="formName"/> of the page at <paramref name="path"/>; answers the page shown after.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> Submit(
        this HttpClient client, string path, string formName, IEnumerable<KeyValuePair<string, string>> fields, string language = "en")
    {
        var (status, html) = await client.Page(path, language);
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain($"name=\"_handler\" value=\"{formName}\"", customMessage: $"The page {path} has no form named {formName}.");
        var token = AntiforgeryToken().Match(html);
        token.Success.ShouldBeTrue($"The page {path} has no antiforgery token.");
        List<KeyValuePair<string, string>> body = [new("_handler", formName), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)), .. fields];
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await client.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    public static Task<(HttpStatusCode Status, string Html)> Submit(this HttpClient client, string path, string formName, params (string Name, string Value)[] fields) =>
        client.Submit(path, formName, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary>The text of the page's first h1.</summary>
    public static string Heading(string html) => WebUtility.HtmlDecode(H1().Match(html).Groups[1].Value.Trim());

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1();
}
