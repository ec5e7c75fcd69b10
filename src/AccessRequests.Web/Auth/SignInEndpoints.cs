using System.Security.Claims;
using AccessRequests.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AccessRequests.Web.Auth;

/// <summary>
/// Browser sign-in: the challenge at the chosen issuer, <c>/me</c>, and sign-out — RP-initiated at the issuer where it
/// offers an end_session_endpoint. The pages (choose the issuer, signed out) are in Ui/Pages/SignIn.
/// </summary>
public static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
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

    }

    /// <summary>Only a path on this site: never an open redirect.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    /// <summary>The query string that carries <paramref name="returnUrl"/> on to the next sign-in page ("" when there is none).</summary>
    public static string ReturnQuery(string? returnUrl) => returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(LocalOrRoot(returnUrl));

    /// <summary>Signs a browser in with the claims a token would carry (the development issuer's demo page).</summary>
    public static Task SignInSessionAsync(HttpContext http, IEnumerable<Claim> claims) =>
        http.SignInAsync(AuthenticationSetup.Session, new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationSetup.Session, "name", "role")));
}
