using AccessRequests.Domain;
using AccessRequests.EventStore;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Http;
using FluentValidation;

namespace AccessRequests.Web.Catalogue;

/// <summary>
/// The one way a catalogue entry is created (POST) or replaced (PUT): admins only, validated, recorded as an event.
/// The API and the administration pages both save through <see cref="SaveEntryAsync"/>.
/// </summary>
public static class CatalogueEndpoints
{
    /// <summary>A reference the request makes that does not exist: the field and the message, or null when all exist.</summary>
    public delegate Task<(string Field, string Message)?> CheckReferences<TRequest>(TRequest request, IServiceProvider services, CatalogueStore catalogue, CancellationToken ct);

    public delegate Task<long> Save<TEntry>(CatalogueStore catalogue, TEntry entry, string actorId, DateTimeOffset now, bool isNew, CancellationToken ct);

    /// <summary>What kind of catalogue entry a request defines, and how it is checked, found and saved.</summary>
    public sealed record Kind<TRequest, TEntry>(
        string Name,
        Func<TRequest, string> IdOf,
        CheckReferences<TRequest> CheckReferences,
        Func<TRequest, TEntry> ToEntry,
        Func<CatalogueStore, string, CancellationToken, Task<TEntry?>> Find,
        Save<TEntry> Save)
        where TEntry : class;

    /// <summary>
    /// Validates <paramref name="request"/> and records it as the entry's new definition (an event with who and when).
    /// <paramref name="routeId"/> null: a new entry (refused when it exists); else the entry with that id.
    /// Refuses by throwing: <see cref="DomainException"/> (not an admin: forbidden; exists or changed meanwhile: conflict)
    /// or <see cref="RequestValidationException"/> (the fields, named as in the API's JSON).
    /// </summary>
    public static async Task<(TEntry Entry, long Version)> SaveEntryAsync<TRequest, TEntry>(
        IServiceProvider services, Actor actor, TRequest request, string? routeId, Kind<TRequest, TEntry> kind, CancellationToken ct)
        where TRequest : class
        where TEntry : class
    {
        if (!actor.IsAdmin)
        {
            throw AdminOnly();
        }
        var result = await services.GetRequiredService<IValidator<TRequest>>().ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            throw RequestValidationException.From(result);
        }
        var id = kind.IdOf(request);
        if (routeId is not null && id != routeId)
        {
            throw RequestValidationException.Field("id", "The id in the body must be the id in the URL.");
        }
        var catalogue = services.GetRequiredService<CatalogueStore>();
        if (await kind.CheckReferences(request, services, catalogue, ct) is { } missing)
        {
            throw RequestValidationException.Field(missing.Field, missing.Message);
        }
        var isNew = routeId is null;
        if (isNew && await kind.Find(catalogue, id, ct) is not null)
        {
            throw DomainException.Conflict($"{kind.Name}.exists", $"The {kind.Name} '{id}' exists already; use PUT to change it.");
        }
        try
        {
            var entry = kind.ToEntry(request);
            var version = await kind.Save(catalogue, entry, actor.UserId, services.GetRequiredService<TimeProvider>().GetUtcNow(), isNew, ct);
            return (entry, version);
        }
        catch (ConcurrencyException)
        {
            throw DomainException.Conflict($"{kind.Name}.changed", $"The {kind.Name} '{id}' was changed by someone else at the same time; try again.");
        }
    }

    /// <summary>POST (<paramref name="routeId"/> null) or PUT of a JSON body: <see cref="SaveEntryAsync"/> with its refusals as problem details.</summary>
    public static async Task<IResult> SaveAsync<TRequest, TEntry>(HttpContext http, string? routeId, Kind<TRequest, TEntry> kind)
        where TRequest : class, new()
        where TEntry : class
    {
        var services = http.RequestServices;
        var actor = await services.GetRequiredService<Actors>().CurrentAsync(http.User, http.RequestAborted);
        if (actor is not { IsAdmin: true })
        {
            return Problems.Domain(AdminOnly());
        }
        var (request, problem) = await JsonBody.ReadAsync<TRequest>(http.Request);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            var (entry, version) = await SaveEntryAsync(services, actor, request!, routeId, kind, http.RequestAborted);
            http.Response.Headers.ETag = $"\"{version}\"";
            return routeId is null ? Results.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{kind.IdOf(request!)}", entry) : Results.Ok(entry);
        }
        catch (RequestValidationException e)
        {
            return Problems.Validation(e.Errors);
        }
        catch (DomainException e)
        {
            return Problems.Domain(e);
        }
    }

    private static DomainException AdminOnly() => DomainException.Forbidden("catalogue.admin-only", "Only administrators may change the catalogue.");
}
