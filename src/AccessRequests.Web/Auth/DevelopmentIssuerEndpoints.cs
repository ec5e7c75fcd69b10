using AccessRequests.Web.Http;

namespace AccessRequests.Web.Auth;

/// <summary>Discovery, JWKS, the demo sign-in, the demo user list and a token endpoint for scripts and tests.</summary>
public static class DevelopmentIssuerEndpoints
{
    public sealed class TokenRequest
    {
        public string User { get; set; } = "";
        public int? LifetimeMinutes { get; set; }
    }

    public static void MapDevelopmentIssuer(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DevelopmentIssuer.PathBase).WithTags("Development issuer").AllowAnonymous();

        group.MapGet("/.well-known/openid-configuration", (DevelopmentIssuer issuer) => Results.Json(new
        {
            issuer = issuer.Issuer,
            jwks_uri = issuer.Issuer + "/jwks",
            token_endpoint = issuer.Issuer + "/token",
            response_types_supported = new[] { "token" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));

        group.MapGet("/jwks", (DevelopmentIssuer issuer) => Results.Json(issuer.Jwks()));

        // GET /signin is the demo page (Ui/Pages/SignIn/DemoSignIn.razor); its forms post here. Ordered first: the page's
        // route takes form posts too, and two endpoints for one POST would be ambiguous.
        group.MapPost("/signin", async (HttpContext http, DevelopmentIssuer issuer) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            if (DemoUser.Find(form["user"].ToString()) is not { MachineClient: false } user)
            {
                return Results.BadRequest();
            }
            List<System.Security.Claims.Claim> claims =
            [
                new(AuthenticationSetup.UserIdClaim, user.Id), new(AuthenticationSetup.IssuerClaim, issuer.Issuer),
                .. user.Claims().Select(c => new System.Security.Claims.Claim(c.Key, c.Value)),
            ];
            await SignInEndpoints.SignInSessionAsync(http, claims);
            return Results.Redirect(SignInEndpoints.LocalOrRoot(form["returnUrl"].ToString()));
        }).DisableAntiforgery().WithOrder(-1).ExcludeFromDescription();

        group.MapGet("/users", () => Results.Json(DemoUser.All.Select(u => new { id = u.Id, name = u.Name, email = u.Email, description = u.Description })));

        group.MapPost("/token", async (HttpRequest request, DevelopmentIssuer issuer) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request);
            if (problem is not null)
            {
                return problem;
            }
            var user = DemoUser.Find(body!.User);
            if (user is null)
            {
                return Problems.Field("user", $"'{body.User}' is not a demo user; see {DevelopmentIssuer.PathBase}/users.");
            }
            var lifetime = TimeSpan.FromMinutes(Math.Clamp(body.LifetimeMinutes ?? 60, 1, 24 * 60));
            return Results.Json(new
            {
                access_token = issuer.IssueToken(user, lifetime),
                token_type = "Bearer",
                expires_in = (int)lifetime.TotalSeconds,
            });
        });
    }
}
