using AccessRequests.Domain;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Http;

namespace AccessRequests.Web.Grants;

/// <summary>
/// <c>GET /api/grants</c>: what provisioning systems reconcile against, and what a user sees as "my grants".
/// Staff and provisioning clients see every grant; anyone else only their own.
/// </summary>
public static class GrantEndpoints
{
    public sealed record GrantView(
        Guid GrantId, Guid ApplicationId, string UserId, string DatasetId, string Location, string DacId,
        DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, string Status)
    {
        public static GrantView From(GrantRow g) =>
            new(g.GrantId, g.ApplicationId, g.UserId, g.DatasetId, g.Location, g.DacId, g.ValidFrom, g.ValidUntil, g.Status);
    }

    public static void MapGrants(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/grants", (string? userId, string? datasetId, string? location, bool? active, HttpContext http) =>
            ApplicationEndpoints.AsActor(http, async (actor, context) =>
            {
                var seesAll = CanSeeAllGrants(actor);
                if (!seesAll && userId is not null && userId != actor.UserId)
                {
                    return Problems.Forbidden("grants.own-only", "You may list only your own grants.");
                }
                var now = context.Now;
                var rows = await http.RequestServices.GetRequiredService<IEventStore>().ListGrantsAsync(
                    new GrantQuery(seesAll ? userId : actor.UserId, datasetId, location, Active: active, Now: active is null ? null : now),
                    context.Ct);
                return Results.Ok(rows.Select(GrantView.From));
            }))
            .RequireAuthorization().WithTags("Grants");

    /// <summary>Stewards, auditors, admins and provisioning clients.</summary>
    public static bool CanSeeAllGrants(Actor actor) => actor.IsSteward || actor.IsAuditor || actor.Roles.Contains(Role.Provisioning);
}
