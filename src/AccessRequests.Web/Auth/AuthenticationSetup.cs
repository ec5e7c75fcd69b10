using System.Security.Claims;
using AccessRequests.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AccessRequests.Web.Auth;

/// <summary>
/// One JwtBearer scheme per trusted issuer, chosen by the token's <c>iss</c>; a token from any other issuer is
/// handed to a scheme that refuses it. Each scheme records the user id from its own configured claim.
/// </summary>
public static class AuthenticationSetup
{
    public const string Selector = "bearer";

    /// <summary>The browser session after an OpenID Connect sign-in.</summary>
    public const string Session = "session";

    public const string SessionCookie = "accessrequests.session";

    public static string SignInScheme(int issuer) => $"signin-{issuer}";
    public const string UserIdClaim = "accessrequests:user-id";
    public const string IssuerClaim = "accessrequests:issuer";

    public static IServiceCollection AddServiceAuthentication(this IServiceCollection services, ServiceOptions options, bool developmentIssuer)
    {
        var issuers = new Dictionary<string, string>(StringComparer.Ordinal);
        var auth = services.AddAuthentication(Selector);

        for (var i = 0; i < options.Auth.Issuers.Count; i++)
        {
            var issuer = options.Auth.Issuers[i];
            var scheme = $"issuer-{i}";
            issuers[issuer.Authority.TrimEnd('/')] = scheme;
            auth.AddJwtBearer(scheme, o =>
            {
                o.Authority = issuer.Authority;
                o.Audience = issuer.Audience;
                o.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "ES256"];
                o.Events = RecordUser(issuer.UserIdClaim);
            });
            if (!string.IsNullOrEmpty(issuer.ClientId))
            {
                var index = i;
                auth.AddScheme<OidcOptions, OidcHandler>(SignInScheme(i), issuer.DisplayName ?? issuer.Authority, o =>
                {
                    o.Authority = issuer.Authority;
                    o.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
                    o.UserIdClaim = issuer.UserIdClaim;
                    o.Audience = issuer.Audience;
                    o.ClientId = issuer.ClientId;
                    o.ClientSecret = issuer.ClientSecret ?? "";
                    o.CallbackPath = $"/signin/{index}/callback";
                    // Replaced from the discovery document before the first challenge.
                    o.AuthorizationEndpoint = issuer.Authority.TrimEnd('/') + "/auth";
                    o.TokenEndpoint = issuer.Authority.TrimEnd('/') + "/token";
                    o.UsePkce = true;
                    o.Scope.Clear();
                    foreach (var scope in issuer.Scopes)
                    {
                        o.Scope.Add(scope);
                    }
                    o.SignInScheme = Session;
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    // SameSite=None needs Secure, which an http PublicUrl cannot give: browsers would drop the correlation cookie.
                    o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                });
            }
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OidcOptions>, OAuthPostConfigureOptions<OidcOptions, OidcHandler>>());
        auth.AddCookie(Session, o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure wherever the service is reached over https; plain http is for loopback tests and the demo.
            o.Cookie.SecurePolicy = options.HttpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            // An API caller gets a status, not a redirect to a page.
            o.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        });

        if (developmentIssuer)
        {
            services.AddSingleton<DevelopmentIssuer>();
            var devIssuer = options.PublicUrl.TrimEnd('/') + DevelopmentIssuer.PathBase;
            issuers[devIssuer] = DevelopmentIssuer.Scheme;
            auth.AddJwtBearer(DevelopmentIssuer.Scheme, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters.ValidIssuer = devIssuer;
                o.TokenValidationParameters.ValidAudience = DevelopmentIssuer.Audience;
                o.TokenValidationParameters.ValidAlgorithms = ["RS256"];
                o.Events = RecordUser("sub");
            });
            services.AddOptions<JwtBearerOptions>(DevelopmentIssuer.Scheme)
                .Configure<DevelopmentIssuer>((o, dev) => o.TokenValidationParameters.IssuerSigningKey = dev.PublicKey);
        }

        // A scheme that knows no issuer and no key: every token it is given fails, so untrusted issuers get 401.
        const string untrusted = "untrusted";
        auth.AddJwtBearer(untrusted, o =>
        {
            o.TokenValidationParameters.ValidIssuers = [];
            o.TokenValidationParameters.IssuerSigningKeys = [];
            o.TokenValidationParameters.ValidateIssuerSigningKey = true;
        });

        auth.AddPolicyScheme(Selector, "Bearer token from a trusted issuer, or the browser session", o =>
            o.ForwardDefaultSelector = context => HasBearer(context) ? SchemeFor(context, issuers) ?? untrusted : Session);

        services.AddAuthorization();
        return services;
    }

    private static bool HasBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/me"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    private static string? SchemeFor(HttpContext context, Dictionary<string, string> issuers)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            var iss = new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer;
            return issuers.GetValueOrDefault(iss.TrimEnd('/'));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static JwtBearerEvents RecordUser(string userIdClaim) => new()
    {
        OnTokenValidated = context =>
        {
            var principal = context.Principal!;
            var userId = principal.FindFirst(userIdClaim)?.Value;
            if (string.IsNullOrWhiteSpace(userId))
            {
                context.Fail($"The token has no '{userIdClaim}' claim.");
                return Task.CompletedTask;
            }
            var identity = (ClaimsIdentity)principal.Identity!;
            identity.AddClaim(new Claim(UserIdClaim, userId));
            identity.AddClaim(new Claim(IssuerClaim, principal.FindFirst("iss")?.Value ?? ""));
            return Task.CompletedTask;
        },
    };
}
