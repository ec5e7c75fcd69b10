using System.Security.Claims;
using AccessRequests.Domain;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Auth;

/// <summary>
/// Turns the signed-in principal into a domain <see cref="Actor"/>. Roles come from the service's own data
/// (configured admins, the roles collection), never from the token.
/// </summary>
public sealed class Actors(CatalogueStore catalogue, IOptions<ServiceOptions> options)
{
    public async Task<Actor?> CurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var userId = principal.FindFirst(AuthenticationSetup.UserIdClaim)?.Value;
        if (userId is null)
        {
            return null;
        }
        var roles = new HashSet<string>(StringComparer.Ordinal);
        if (options.Value.Auth.Admins.Contains(userId))
        {
            roles.Add(Role.Admin);
        }
        if (await catalogue.GetRolesAsync(userId, ct) is { } given)
        {
            roles.UnionWith(given.Roles);
        }
        var name = principal.FindFirst("name")?.Value ?? userId;
        var dacs = (await catalogue.ListDacsAsync(ct)).Where(d => d.Members.Any(m => m.UserId == userId)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return new Actor(userId, name, principal.FindFirst("email")?.Value, roles, dacs);
    }
}
