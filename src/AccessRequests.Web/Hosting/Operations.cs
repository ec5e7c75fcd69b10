using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Http;
using AccessRequests.Web.Relay;

namespace AccessRequests.Web.Hosting;

/// <summary>Health probes and the read-model rebuild.</summary>
public static class Operations
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).AllowAnonymous().WithTags("Health");
        app.MapGet("/health/ready", async (IEventStore store, GrantRelay relay, CancellationToken ct) =>
        {
            if (!await store.IsReachableAsync(ct))
            {
                return Results.Json(new { status = "not ready", store = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            // Events the relay has not passed yet (counted up to a thousand): grant messages waiting for the broker.
            var lag = (await store.ReadAllAsync(await store.GetCheckpointAsync(GrantRelay.Consumer, ct), 1000, ct)).Count;
            return Results.Ok(new { status = "ready", store = "reachable", relay = new { lag, leader = relay.IsLeader, published = relay.Published } });
        }).AllowAnonymous().WithTags("Health");

        app.MapPost("/api/admin/rebuild-read-models", async (HttpContext http, IEventStore store, Actors actors, CancellationToken ct) =>
        {
            var actor = await actors.CurrentAsync(http.User, ct);
            if (actor is not { IsAdmin: true })
            {
                return Problems.Forbidden("rebuild.admin-only", "Only administrators may rebuild the read models.");
            }
            var started = TimeProvider.System.GetTimestamp();
            var events = await store.RebuildReadModelsAsync(Project, ct);
            return Results.Ok(new { events, seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds });
        }).RequireAuthorization().WithTags("Operations");
    }

    /// <summary>The read-model rows one stream's events add up to.</summary>
    public static IEnumerable<ReadModelWrite> Project(IReadOnlyList<RecordedEvent> stream)
    {
        if (stream.Count == 0)
        {
            return [];
        }
        if (ApplicationStreams.IsApplicationEvent(stream[0]))
        {
            return ApplicationView.Writes(ApplicationStreams.Fold(stream), stream[^1].StreamVersion);
        }
        return CatalogueStore.Project(stream) is { } write ? [write] : [];
    }
}
