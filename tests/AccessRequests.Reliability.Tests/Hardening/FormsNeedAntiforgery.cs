using System.Net;
using System.Text.RegularExpressions;
using AccessRequests.EventStore;
using AccessRequests.Web.Tests;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Reliability.Tests.Hardening;

/// <summary>
/// Cross-site request forgery: a signed-in user's browser, holding the session and antiforgery cookies, posts each
/// form of each UI page without the form's token (all another site can make it do): every post is refused with 400,
/// and no event is written. The pages are found in the endpoint data source, so a new page fails this test until it
/// is listed here.
/// </summary>
public sealed partial class FormsNeedAntiforgery(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private ServiceFactory Service => fixture.Service;

    /// <summary>
    /// Excluded, on purpose: the demo sign-in (POST /dev-issuer/signin, Development only) takes the demo-user switch of
    /// every page's header and the demo sign-in page without a token. It asks for no password, so anyone can already
    /// sign in as anyone there; a forged post only does what the attacker could do themself. The service refuses to
    /// start in Production with the development issuer on.
    /// </summary>
    private const string DemoSignIn = "/dev-issuer/signin";

    [Fact]
    public async Task every_form_posted_without_its_antiforgery_token_is_refused_and_writes_nothing()
    {
        var researcher = await Service.ClientFor("researcher");
        var submitted = await researcher.SubmittedApplication();
        var draft = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(draft, "save-draft", Api.CompleteDraft()).Ok();
        var invited = await researcher.Command(draft, "invite-member", new { email = "carl.nielsen@au.dk", name = "Carl Nielsen" }).Ok();
        var invitation = invited.GetProperty("invitationToken").GetString()!;

        // Each page route with the users whose pages show its forms.
        var visits = new Dictionary<string, (string User, string Path)[]>
        {
            ["/"] = [("researcher", "/")],
            ["/datasets/{Id}"] = [("researcher", $"/datasets/{Api.Wgs}")],
            ["/applications"] = [("researcher", "/applications")],
            ["/applications/{Id:guid}"] = [("researcher", $"/applications/{draft}"), ("researcher", $"/applications/{submitted}")],
            ["/invitations/{Id:guid}"] = [("co-applicant", $"/invitations/{draft}?token={Uri.EscapeDataString(invitation)}")],
            ["/grants"] = [("researcher", "/grants")],
            ["/notifications"] = [("researcher", "/notifications")],
            ["/inbox"] = [("steward", "/inbox")],
            ["/review/{Id:guid}"] = [("steward", $"/review/{submitted}"), ("dac-member-1", $"/review/{submitted}"), ("dac-chair", $"/review/{submitted}")],
            ["/admin"] = [("admin", "/admin")],
            ["/admin/datasets"] = [("admin", "/admin/datasets")],
            ["/admin/datasets/new"] = [("admin", "/admin/datasets/new")],
            ["/admin/datasets/{Id}/edit"] = [("admin", $"/admin/datasets/{Api.Wgs}/edit")],
            ["/admin/dacs"] = [("admin", "/admin/dacs")],
            ["/admin/dacs/new"] = [("admin", "/admin/dacs/new")],
            ["/admin/dacs/{Id}/edit"] = [("admin", "/admin/dacs/ngc-dac/edit")],
            ["/admin/roles"] = [("admin", "/admin/roles")],
            ["/admin/mail"] = [("admin", "/admin/mail")],
            ["/admin/workflows"] = [("admin", "/admin/workflows")],
            ["/admin/workflows/{WorkflowId}/{Version:int}"] = [("admin", "/admin/workflows/ngc-controlled-access/1")],
            ["/signin"] = [("researcher", "/signin")],
            ["/signed-out"] = [("researcher", "/signed-out")],
            ["/error/{Code:int}"] = [("researcher", "/error/404")],
        };
        PageRoutesTakingPosts().ShouldBe([.. visits.Keys, DemoSignIn], ignoreOrder: true,
            "every UI page that accepts a POST is tried here (or excluded with its reason)");

        var before = await EventCount();
        var forms = 0;
        var refused = 0;
        var sessions = new Dictionary<string, HttpClient>();
        foreach (var (user, path) in visits.Values.SelectMany(v => v))
        {
            if (!sessions.TryGetValue(user, out var browser))
            {
                sessions[user] = browser = await SignedIn(user);
            }
            var page = await (await browser.GetAsync(path)).Content.ReadAsStringAsync();
            // A page without forms of its own is posted to as if it had one: the endpoint takes posts all the same.
            var handlers = Handler().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().DefaultIfEmpty("none").ToList();
            foreach (var handler in handlers)
            {
                forms++;
                var answer = await browser.PostAsync(path, new FormUrlEncodedContent([new("_handler", handler)]));
                var body = await answer.Content.ReadAsStringAsync();
                answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{user} {path} form {handler}: {body}");
                body.ShouldContain("antiforgery token", Case.Insensitive, $"{path} form {handler}");
                refused++;
            }
        }

        refused.ShouldBe(forms);
        forms.ShouldBeGreaterThanOrEqualTo(30, "the pages' forms were found");
        (await EventCount()).ShouldBe(before, "a refused post writes nothing");
        Console.WriteLine($"FormsNeedAntiforgery: {visits.Count} page routes, {forms} forms posted without token: {refused} × 400, {await EventCount() - before} events written");
    }

    [Fact]
    public async Task the_same_post_with_the_pages_token_is_accepted()
    {
        var browser = await SignedIn("researcher");
        var page = await browser.GetStringAsync("/");
        var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        token.ShouldNotBeEmpty();

        var before = await EventCount();

        var answer = await browser.PostAsync("/", new FormUrlEncodedContent(
            [new("_handler", "apply"), new("__RequestVerificationToken", token), new("datasetIds", Api.Wgs)]));

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        UiPath(answer).ShouldStartWith("/applications/");
        (await EventCount()).ShouldBe(before + 1, "the new draft's event");
    }

    private static string UiPath(HttpResponseMessage answer) =>
        answer.Headers.Location is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : answer.Headers.Location!.ToString();

    /// <summary>The route patterns of the Razor component endpoints (the UI's pages) that accept POST.</summary>
    private List<string> PageRoutesTakingPosts() =>
    [
        .. Service.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") ?? true)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct(),
    ];

    /// <summary>A browser signed in through the demo page: the session cookie is what a forged post rides on.</summary>
    private async Task<HttpClient> SignedIn(string user)
    {
        var browser = Service.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await browser.PostAsync(DemoSignIn, new FormUrlEncodedContent([new("user", user)]))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return browser;
    }

    private async Task<int> EventCount() =>
        (await Service.Services.GetRequiredService<IEventStore>().ReadAllAsync(GlobalCheckpoint.Start, 1_000_000)).Count;

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex Handler();

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
