using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Grants;
using AccessRequests.Web.Hosting;
using AccessRequests.Web.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Visas;

/// <summary>
/// GA4GH Passport v1.2: one ControlledAccessGrants visa per active grant, signed RS256, with <c>jku</c> pointing at
/// <c>/api/jwk</c>; the source is the deciding DAC (not this service), and the visa ends with the grant.
/// </summary>
public static class Passports
{
    public static void MapPassports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jwk", (VisaKeys keys) => Results.Json(keys.Jwks())).AllowAnonymous().WithTags("Visas");

        app.MapGet("/api/permissions/{userId}", (string userId, HttpContext http) =>
            ApplicationEndpoints.AsActor(http, async (actor, context) =>
            {
                if (actor.UserId != userId && !GrantEndpoints.CanSeeAllGrants(actor))
                {
                    return Problems.Forbidden("permissions.own-only", "You may read only your own visas.");
                }
                var grants = await http.RequestServices.GetRequiredService<IEventStore>().ListGrantsAsync(
                    new GrantQuery(UserId: userId, Active: true, Now: context.Now), context.Ct);
                var keys = http.RequestServices.GetRequiredService<VisaKeys>();
                var publicUrl = http.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.PublicUrl.TrimEnd('/');
                return Results.Json(new Dictionary<string, object>
                {
                    ["ga4gh_passport_v1"] = grants.Select(g => Visa(g, keys.Signing, publicUrl, context.Now)).ToList(),
                });
            }))
            .RequireAuthorization().WithTags("Visas");
    }

    public static string Visa(GrantRow grant, RsaSecurityKey key, string publicUrl, DateTimeOffset now) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = publicUrl,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", grant.UserId)]),
            IssuedAt = now.UtcDateTime,
            Expires = grant.ValidUntil.UtcDateTime,
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jku"] = publicUrl + "/api/jwk" },
            Claims = new Dictionary<string, object>
            {
                ["jti"] = Guid.NewGuid().ToString(),
                ["ga4gh_visa_v1"] = new Dictionary<string, object>
                {
                    ["type"] = "ControlledAccessGrants",
                    ["asserted"] = grant.ValidFrom.ToUnixTimeSeconds(),
                    ["value"] = $"{publicUrl}/datasets/{grant.DatasetId}",
                    ["source"] = $"{publicUrl}/dacs/{grant.DacId}",
                    ["by"] = "dac",
                },
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
}
