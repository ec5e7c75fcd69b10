using System.Security.Claims;
using AccessRequests.Web.Hosting;
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
        }

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

        auth.AddPolicyScheme(Selector, "Bearer token from a trusted issuer", o =>
            o.ForwardDefaultSelector = context => SchemeFor(context, issuers) ?? untrusted);

        services.AddAuthorization();
        return services;
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
