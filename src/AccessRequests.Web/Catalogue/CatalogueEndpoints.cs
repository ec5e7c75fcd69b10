using AccessRequests.EventStore;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Http;
using FluentValidation;

namespace AccessRequests.Web.Catalogue;

/// <summary>The one way a catalogue entry is created (POST) or replaced (PUT): admins only, validated, recorded as an event.</summary>
public static class CatalogueEndpoints
{
    public delegate Task<IResult?> CheckReferences<TRequest>(TRequest request, CatalogueStore catalogue, CancellationToken ct);

    public delegate Task<long> Save<TEntry>(CatalogueStore catalogue, TEntry entry, string actorId, DateTimeOffset now, bool isNew, CancellationToken ct);

    public static async Task<IResult> SaveAsync<TRequest, TEntry>(
        HttpContext http,
        string? routeId,
        string kind,
        Func<TRequest, string> idOf,
        CheckReferences<TRequest> checkReferences,
        Func<TRequest, TEntry> toEntry,
        Func<CatalogueStore, CancellationToken, Func<string, Task<TEntry?>>> find,
        Save<TEntry> save)
        where TRequest : class, new()
        where TEntry : class
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var actor = await services.GetRequiredService<Actors>().CurrentAsync(http.User, ct);
        if (actor is not { IsAdmin: true })
        {
            return Problems.Forbidden("catalogue.admin-only", "Only administrators may change the catalogue.");
        }
        var (request, problem) = await JsonBody.ReadAsync(http.Request, services.GetRequiredService<IValidator<TRequest>>());
        if (problem is not null)
        {
            return problem;
        }
        var id = idOf(request!);
        if (routeId is not null && id != routeId)
        {
            return Problems.Field("id", "The id in the body must be the id in the URL.");
        }
        var catalogue = services.GetRequiredService<CatalogueStore>();
        if (await checkReferences(request!, catalogue, ct) is { } refused)
        {
            return refused;
        }
        var isNew = routeId is null;
        if (isNew && await find(catalogue, ct)(id) is not null)
        {
            return Problems.Conflict($"{kind}.exists", $"The {kind} '{id}' exists already; use PUT to change it.");
        }
        try
        {
            var entry = toEntry(request!);
            var version = await save(catalogue, entry, actor.UserId, services.GetRequiredService<TimeProvider>().GetUtcNow(), isNew, ct);
            http.Response.Headers.ETag = $"\"{version}\"";
            return isNew ? Results.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{id}", entry) : Results.Ok(entry);
        }
        catch (ConcurrencyException)
        {
            return Problems.Conflict($"{kind}.changed", $"The {kind} '{id}' was changed by someone else at the same time; try again.");
        }
    }
}
