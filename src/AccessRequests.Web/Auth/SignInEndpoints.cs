using System.Net;
using System.Security.Claims;
using System.Text;
using AccessRequests.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccessRequests.Web.Auth;

/// <summary>
/// Browser sign-in: a page to choose the issuer (display names from configuration), the challenge, <c>/me</c>, and
/// sign-out — RP-initiated at the issuer where it offers an end_session_endpoint.
/// </summary>
public static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (IOptions<ServiceOptions> options, string? returnUrl) =>
        {
            var links = new StringBuilder();
            var issuers = options.Value.Auth.Issuers;
            for (var i = 0; i < issuers.Count; i++)
            {
                if (!string.IsNullOrEmpty(issuers[i].ClientId))
                {
                    links.Append($"<li><a href=\"/signin/{i}{Return(returnUrl)}\">{WebUtility.HtmlEncode(issuers[i].DisplayName ?? issuers[i].Authority)}</a></li>");
                }
            }
            if (app.ServiceProvider.GetService<DevelopmentIssuer>() is not null)
            {
                links.Append($"<li><a href=\"{DevelopmentIssuer.PathBase}/signin{Return(returnUrl)}\">Demo users (development)</a></li>");
            }
            return Page("Sign in", $"<h1>Sign in</h1><p>Choose where you sign in:</p><ul>{links}</ul>");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/signin/{issuer:int}", (int issuer, string? returnUrl, IOptions<ServiceOptions> options) =>
            issuer < 0 || issuer >= options.Value.Auth.Issuers.Count || string.IsNullOrEmpty(options.Value.Auth.Issuers[issuer].ClientId)
                ? Results.NotFound()
                : Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [AuthenticationSetup.SignInScheme(issuer)]))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/me", (HttpContext http) =>
        {
            var user = http.User;
            return user.FindFirst(AuthenticationSetup.UserIdClaim)?.Value is not { } userId
                ? Results.Unauthorized()
                : Results.Ok(new
                {
                    userId,
                    name = user.FindFirst("name")?.Value,
                    email = user.FindFirst("email")?.Value,
                    issuer = user.FindFirst(AuthenticationSetup.IssuerClaim)?.Value,
                    affiliation = user.FindAll("eduPersonScopedAffiliation").Select(c => c.Value),
                });
        }).RequireAuthorization().WithTags("Identity");

        app.MapGet("/signout", async (HttpContext http, IOptionsMonitor<OidcOptions> oidc, IOptions<ServiceOptions> options) =>
        {
            var session = await http.AuthenticateAsync(AuthenticationSetup.Session);
            await http.SignOutAsync(AuthenticationSetup.Session);
            var signedOut = options.Value.PublicUrl.TrimEnd('/') + "/signed-out";
            var scheme = session.Properties?.Items.TryGetValue(".issuer-scheme", out var s) == true ? s : null;
            if (scheme is not null && oidc.Get(scheme).Discovery is { } discovery
                && (await discovery.GetConfigurationAsync(http.RequestAborted)) is OpenIdConnectConfiguration { EndSessionEndpoint: { Length: > 0 } end })
            {
                var query = new Dictionary<string, string?>
                {
                    ["post_logout_redirect_uri"] = signedOut,
                    ["client_id"] = oidc.Get(scheme).ClientId,
                    ["id_token_hint"] = session.Properties!.GetTokenValue(OidcHandler.IdTokenName),
                };
                return Results.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(end, query));
            }
            return Results.Redirect("/signed-out");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/signed-out", () => Page("Signed out", "<h1>You are signed out</h1><p><a href=\"/signin\">Sign in again</a></p>"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Only a path on this site: never an open redirect.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static string Return(string? returnUrl) => returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(LocalOrRoot(returnUrl));

    public static IResult Page(string title, string body) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)} · AccessRequests</title></head><body>{body}</body></html>",
        "text/html; charset=utf-8");

    /// <summary>Signs a browser in with the claims a token would carry (the development issuer's demo page).</summary>
    public static Task SignInSessionAsync(HttpContext http, IEnumerable<Claim> claims) =>
        http.SignInAsync(AuthenticationSetup.Session, new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationSetup.Session, "name", "role")));
}
