using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AccessRequests.EventStore;
using AccessRequests.Web.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Reliability.Tests.Hardening;

/// <summary>
/// Another site's page making a signed-in browser call the API with its session cookie (a form needs no preflight:
/// text/plain or multipart): refused with 403 and nothing written, as the browser names the call's site. The page's own
/// calls and bearer-token callers are not affected.
/// </summary>
public sealed class CrossSiteApiCalls(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task a_cross_site_call_riding_on_the_session_is_refused_and_writes_nothing()
    {
        var browser = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await browser.PostAsync("/dev-issuer/signin", new FormUrlEncodedContent([new("user", "researcher")]))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await (await Service.ClientFor("researcher")).CreateApplication(Api.Wgs);
        var before = await EventCount();

        // A text/plain form whose one field spells JSON, and a form with no fields (an empty body is the `{}` of accept-terms).
        List<(string What, HttpRequestMessage Request)> forged =
        [
            ("text/plain JSON, Sec-Fetch-Site: cross-site", Post("/api/applications", new StringContent("{\"datasetIds\":[\"ngc-gdb-wgs\"]}", Encoding.UTF8, "text/plain"), site: "cross-site")),
            ("empty accept-terms, Sec-Fetch-Site: same-site", Post($"/api/applications/{id}/accept-terms", new StringContent("", Encoding.UTF8, "text/plain"), site: "same-site")),
            ("multipart attachment, Sec-Fetch-Site: cross-site", Post($"/api/applications/{id}/attachments", Pdf(), site: "cross-site")),
            ("JSON from an old browser, Origin: evil", Post("/api/applications", new StringContent("{\"datasetIds\":[\"ngc-gdb-wgs\"]}", Encoding.UTF8, "application/json"), origin: "https://evil.example.org")),
        ];
        foreach (var (what, request) in forged)
        {
            var answer = await browser.SendAsync(request);
            answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{what}: {await answer.Content.ReadAsStringAsync()}");
            (await answer.Json()).GetProperty("rule").GetString().ShouldBe("session.cross-site");
        }
        (await EventCount()).ShouldBe(before, "a refused call writes nothing");

        // The page's own call, and a bearer caller whatever the headers say.
        var own = await browser.SendAsync(Post("/api/applications", new StringContent("{\"datasetIds\":[\"ngc-gdb-wgs\"]}", Encoding.UTF8, "application/json"), site: "same-origin"));
        own.StatusCode.ShouldBe(HttpStatusCode.Created, await own.Content.ReadAsStringAsync());
        var sameOrigin = await browser.SendAsync(Post("/api/applications", new StringContent("{\"datasetIds\":[\"ngc-gdb-wgs\"]}", Encoding.UTF8, "application/json"), origin: "http://localhost"));
        sameOrigin.StatusCode.ShouldBe(HttpStatusCode.Created, await sameOrigin.Content.ReadAsStringAsync());
        var bearer = await Service.ClientFor("researcher");
        var withToken = Post("/api/applications", new StringContent("{\"datasetIds\":[\"ngc-gdb-wgs\"]}", Encoding.UTF8, "application/json"), site: "cross-site");
        (await bearer.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        Console.WriteLine($"CrossSiteApiCalls: {forged.Count} forged calls: {forged.Count} × 403, {await EventCount() - before - 3} events written by them");
    }

    private static HttpRequestMessage Post(string path, HttpContent content, string? site = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        return request;
    }

    private static MultipartFormDataContent Pdf()
    {
        var file = new ByteArrayContent("%PDF-1.4 forged"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "letter.pdf" } };
    }

    private async Task<int> EventCount() =>
        (await Service.Services.GetRequiredService<IEventStore>().ReadAllAsync(GlobalCheckpoint.Start, 1_000_000)).Count;
}
