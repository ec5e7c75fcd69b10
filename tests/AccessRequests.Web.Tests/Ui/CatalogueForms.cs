using System.Net;
using System.Text.RegularExpressions;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// A form post whose redirect the test looks at rather than follows (where the browser is sent: a draft, sign-in),
/// on a client that keeps its cookies (the antiforgery cookie) and, when signed in, the demo user's token.
/// </summary>
public static partial class CatalogueForms
{
    public static async Task<HttpClient> NotFollowingRedirects(this ServiceFactory service, string? userId)
    {
        var client = service.CreateClient(new() { AllowAutoRedirect = false });
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Authorization = (await service.ClientFor(userId)).DefaultRequestHeaders.Authorization;
        }
        return client;
    }

    /// <summary>Posts the form <paramref name="formName"/> of the page at <paramref name="path"/>; answers the response as it is.</summary>
    public static async Task<HttpResponseMessage> Post(this HttpClient client, string path, string formName, params (string Name, string Value)[] fields)
    {
        var (status, html) = await client.Page(path);
        status.ShouldBe(HttpStatusCode.OK, html);
        var token = Token().Match(html);
        token.Success.ShouldBeTrue($"The page {path} has no antiforgery token.");
        List<KeyValuePair<string, string>> body =
            [new("_handler", formName), new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))];
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    /// <summary>Where a redirect sends the browser: the local path and query.</summary>
    public static string Target(HttpResponseMessage answer) =>
        answer.Headers.Location is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : answer.Headers.Location!.ToString();

    /// <summary>The page's text as a reader sees it (entities decoded), for checks on words with æ, ø, å and quotes.</summary>
    public static string Text(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
