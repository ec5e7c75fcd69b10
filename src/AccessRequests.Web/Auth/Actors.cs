using System.Security.Claims;
using AccessRequests.Domain;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Hosting;
using AccessRequests.Web.Notifications;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Auth;

/// <summary>
/// Turns the signed-in principal into a domain <see cref="Actor"/>. Roles come from the service's own data
/// (configured admins, the roles collection), never from the token.
/// </summary>
public sealed class Actors(CatalogueStore catalogue, UserDirectory users, IOptions<ServiceOptions> options)
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
        var (given, current) = await catalogue.ActorEntriesAsync(userId, ct);
        if (given is not null)
        {
            roles.UnionWith(given.Roles.Where(r => r != Role.Provisioning || IsMachineClient(principal, userId)));
        }
        var name = principal.FindFirst("name")?.Value ?? userId;
        var email = principal.FindFirst("email")?.Value;
        await users.SeenAsync(userId, name, email, Ui.Texts.Language, ct);
        var dacs = current.Dacs.Values.Where(d => d.Members.Any(m => m.UserId == userId)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return new Actor(userId, name, email, roles, dacs);
    }

    /// <summary>The scope a provisioning client's token must carry.</summary>
    public const string GrantsReadScope = "grants:read";

    /// <summary>
    /// A token the issuer gave to the client itself (client credentials: its <c>client_id</c> is its subject) with the
    /// grants-reading scope. A person whose user id happens to equal a client's id does not pass.
    /// </summary>
    private static bool IsMachineClient(ClaimsPrincipal principal, string userId) =>
        principal.FindFirst("client_id")?.Value == userId
        && (principal.FindFirst("scope")?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(GrantsReadScope);
}
