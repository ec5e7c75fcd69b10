using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// The UI as a browser without scripts uses it: GET a page, POST one of its forms with the page's antiforgery token and
/// the form's name (Blazor's <c>_handler</c>), url-encoded or, with a file, as multipart/form-data. The one place the UI
/// tests post forms, so that every page is driven the same way.
/// </summary>
/// <remarks>
/// A client from <see cref="ServiceFactory.ClientFor"/> carries the demo user's token, which the pages accept like a
/// session, and keeps it when it follows the redirect after a form, so <c>Submit</c> answers the page shown after. A
/// test that looks at where the redirect goes takes a client from <see cref="NotFollowingRedirects"/> and <c>Post</c>s.
/// </remarks>
public static partial class UiForms
{
    public static async Task<(HttpStatusCode Status, string Html)> Page(this HttpClient client, string path, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptLanguage.ParseAdd(language);
        var answer = await client.SendAsync(request);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>The page with its text as the reader sees it (<see cref="Text"/>).</summary>
    public static async Task<(HttpStatusCode Status, string Html)> Read(this HttpClient client, string path, string language = "en")
    {
        var (status, html) = await client.Page(path, language);
        return (status, Text(html));
    }

    /// <summary>Submits the form named <paramref name="formName"/> of the page at <paramref name="path"/>; answers the page shown after.</summary>
    public static Task<(HttpStatusCode Status, string Html)> Submit(this HttpClient client, string path, string formName, params (string Name, string Value)[] fields) =>
        client.Submit(path, formName, fields, "en");

    public static Task<(HttpStatusCode Status, string Html)> Submit(
        this HttpClient client, string path, string formName, (string Name, string Value)[] fields, string language) =>
        Shown(client.Post(path, formName, _ => fields, language));

    /// <summary>Submits a form with a file input, as multipart/form-data; answers the page shown after.</summary>
    public static Task<(HttpStatusCode Status, string Html)> SubmitWithFile(
        this HttpClient client, string path, string formName, (string Name, string Value)[] fields, (string Name, string FileName, byte[] Bytes) file) =>
        Shown(client.Post(path, formName, _ => fields, "en", file));

    /// <summary>Posts the form <paramref name="formName"/> of the page at <paramref name="path"/>; answers the response as the client got it.</summary>
    public static Task<HttpResponseMessage> Post(this HttpClient client, string path, string formName, params (string Name, string Value)[] fields) =>
        client.Post(path, formName, _ => fields, "en");

    /// <summary>
    /// Posts the form <paramref name="formName"/> of the page at <paramref name="path"/> with the fields
    /// <paramref name="fieldsFromPage"/> gives for the page as it was read (a value from one of its hidden inputs, say),
    /// and <paramref name="file"/> as a multipart file part if there is one.
    /// </summary>
    public static async Task<HttpResponseMessage> Post(
        this HttpClient client, string path, string formName, Func<string, IEnumerable<(string Name, string Value)>> fieldsFromPage, string language,
        (string Name, string FileName, byte[] Bytes)? file = null)
    {
        var (status, page) = await client.Page(path, language);
        status.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain($"name=\"_handler\" value=\"{formName}\"", customMessage: $"The page {path} has no form named {formName}.");
        List<(string Name, string Value)> fields = [("_handler", formName), ("__RequestVerificationToken", Token(page, path)), .. fieldsFromPage(page)];
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = file is { } part ? Multipart(fields, part) : new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    /// <summary>The antiforgery token of the page, for a test that posts a form it read earlier (the page may have changed since).</summary>
    public static string Token(string page, string path)
    {
        var token = AntiforgeryToken().Match(page);
        token.Success.ShouldBeTrue($"The page {path} has no antiforgery token.");
        return Text(token.Groups[1].Value);
    }

    /// <summary>
    /// A client signed in as <paramref name="userId"/> (or anonymous) that stops at a redirect, for the tests that look at
    /// where a form sends the browser (a new draft, sign-in); it keeps its cookies, the antiforgery cookie among them.
    /// </summary>
    public static async Task<HttpClient> NotFollowingRedirects(this ServiceFactory service, string? userId)
    {
        var client = service.CreateClient(new() { AllowAutoRedirect = false });
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Authorization = (await service.ClientFor(userId)).DefaultRequestHeaders.Authorization;
        }
        return client;
    }

    /// <summary>Where a redirect sends the browser: the local path and query.</summary>
    public static string Target(HttpResponseMessage answer) =>
        answer.Headers.Location is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : answer.Headers.Location!.ToString();

    /// <summary>The page's text as a reader sees it (entities decoded), for checks on words with æ, ø, å and quotes.</summary>
    public static string Text(string html) => WebUtility.HtmlDecode(html);

    /// <summary>The text of the page's first h1.</summary>
    public static string Heading(string html) => Text(H1().Match(html).Groups[1].Value.Trim());

    private static async Task<(HttpStatusCode Status, string Html)> Shown(Task<HttpResponseMessage> posted)
    {
        var answer = await posted;
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>The body a browser sends for a form with a file input: each field a part, the file a part with its name.</summary>
    private static MultipartFormDataContent Multipart(IEnumerable<(string Name, string Value)> fields, (string Name, string FileName, byte[] Bytes) file)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        var bytes = new ByteArrayContent(file.Bytes);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(bytes, file.Name, file.FileName);
        return content;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1();
}
