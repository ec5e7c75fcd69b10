using System.Net;
using System.Text.RegularExpressions;
using AccessRequests.Web.Tests;

namespace AccessRequests.Reliability.Tests.Hardening;

/// <summary>
/// Every kind of response (page, API answer, problem, static file, error page, refused form) carries the security
/// headers, and no page needs what the Content-Security-Policy forbids (inline script, inline style, event handlers).
/// </summary>
public sealed partial class SecurityHeadersOnEveryResponse(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task every_kind_of_response_carries_the_security_headers()
    {
        var anonymous = Service.CreateClient();
        var researcher = await Service.ClientFor("researcher");
        var page = await Html(anonymous, "/");
        var script = ScriptSource().Match(page.Body).Groups[1].Value;
        var style = StyleSource().Match(page.Body).Groups[1].Value;
        script.ShouldNotBeEmpty();
        style.ShouldNotBeEmpty();

        List<(string Kind, HttpResponseMessage Answer, HttpStatusCode Status)> answers =
        [
            ("UI page", page.Answer, HttpStatusCode.OK),
            ("UI error page", (await Html(anonymous, "/no-such-page")).Answer, HttpStatusCode.NotFound),
            ("UI page refused to a reader", (await Html(researcher, "/admin")).Answer, HttpStatusCode.Forbidden),
            ("API answer", await anonymous.GetAsync("/api/datasets"), HttpStatusCode.OK),
            ("API problem", await researcher.GetAsync($"/api/applications/{Guid.NewGuid()}"), HttpStatusCode.NotFound),
            ("API 401 without a body", await anonymous.GetAsync("/me"), HttpStatusCode.Unauthorized),
            ("API validation problem", await researcher.PostAsync("/api/applications", new StringContent("{", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest),
            ("static script", await anonymous.GetAsync(script), HttpStatusCode.OK),
            ("static stylesheet", await anonymous.GetAsync(style), HttpStatusCode.OK),
            ("form posted without antiforgery token", await anonymous.PostAsync("/", new FormUrlEncodedContent([new("_handler", "x")])), HttpStatusCode.BadRequest),
            ("health", await anonymous.GetAsync("/health/live"), HttpStatusCode.OK),
            ("OpenAPI document", await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK),
        ];

        foreach (var (kind, answer, status) in answers)
        {
            answer.StatusCode.ShouldBe(status, kind);
            Header(answer, "Content-Security-Policy").ShouldBe(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'", kind);
            Header(answer, "X-Content-Type-Options").ShouldBe("nosniff", kind);
            Header(answer, "X-Frame-Options").ShouldBe("DENY", kind);
            Header(answer, "Referrer-Policy").ShouldBe("no-referrer", kind);
        }
    }

    [Fact]
    public async Task no_page_needs_inline_script_or_style()
    {
        var researcher = await Service.ClientFor("researcher");
        var admin = await Service.ClientFor("admin");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication();
        var draft = await researcher.CreateApplication(Api.Wgs);
        List<(HttpClient Client, string Path)> pages =
        [
            (Service.CreateClient(), "/"), (Service.CreateClient(), "/signin"), (Service.CreateClient(), "/dev-issuer/signin"),
            (Service.CreateClient(), $"/datasets/{Api.Wgs}"), (Service.CreateClient(), "/no-such-page"),
            (researcher, "/applications"), (researcher, $"/applications/{draft}"), (researcher, $"/applications/{id}"), (researcher, "/grants"),
            (steward, "/inbox"), (steward, $"/review/{id}"),
            (admin, "/admin"), (admin, "/admin/datasets"), (admin, "/admin/dacs"), (admin, "/admin/roles"), (admin, "/admin/workflows"),
            (admin, "/admin/datasets/new"), (admin, $"/admin/datasets/{Api.Wgs}/edit"), (admin, "/admin/dacs/ngc-dac/edit"),
        ];
        foreach (var (client, path) in pages)
        {
            var html = (await Html(client, path)).Body;
            html.ShouldContain("</html>", customMessage: path);
            InlineScript().Matches(html).Select(m => m.Value).ShouldBeEmpty($"{path}: script the CSP would block");
            InlineStyle().Matches(html).Select(m => m.Value).ShouldBeEmpty($"{path}: style the CSP would block");
            EventHandler().Matches(html).Select(m => m.Value).ShouldBeEmpty($"{path}: event handler attributes the CSP would block");
            JavascriptUrl().Matches(html).Select(m => m.Value).ShouldBeEmpty($"{path}: javascript: URLs the CSP would block");
        }
    }

    private static async Task<(HttpResponseMessage Answer, string Body)> Html(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var answer = await client.SendAsync(request);
        return (answer, await answer.Content.ReadAsStringAsync());
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StyleSource();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style[\\s>]|\\sstyle=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptUrl();
}
