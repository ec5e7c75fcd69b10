using AccessRequests.Domain;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Http;
using FluentValidation;

namespace AccessRequests.Web.Catalogue;

/// <summary>
/// The service's own roles (admin, steward, auditor, provisioning): admins give and take them; each change is an event
/// with who and when. DAC roles come from DAC membership; configured admins (<c>Auth:Admins</c>) are not listed here.
/// </summary>
public static class Roles
{
    public static readonly IReadOnlyList<string> Assignable = [Role.Admin, Role.Steward, Role.Auditor, Role.Provisioning];

    public sealed class Request
    {
        public string UserId { get; set; } = "";
        public string Role { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.UserId).NotEmpty().MaximumLength(255);
            RuleFor(r => r.Role).Must(Assignable.Contains).WithMessage("The role is one of: " + string.Join(", ", Assignable) + ".");
        }
    }

    public static void MapRoles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/roles").WithTags("Catalogue").RequireAuthorization();
        group.MapGet("/", Handler.Of(http => AsAdmin(http, async (_, catalogue, ct) =>
            Results.Ok((await catalogue.ListRolesAsync(ct)).SelectMany(r => r.Roles.Select(role => new { userId = r.UserId, role }))))));
        group.MapPost("/", Handler.Of(http => AsAdmin(http, async (actor, _, ct) =>
        {
            var (request, problem) = await JsonBody.ReadAsync<Request>(http.Request);
            if (problem is not null)
            {
                return problem;
            }
            try
            {
                return Changed(request!.UserId.Trim(), await GrantAsync(http.RequestServices, actor, request, ct));
            }
            catch (RequestValidationException e)
            {
                return Problems.Validation(e.Errors);
            }
        })));
        group.MapDelete("/{role}/{userId}", (string role, string userId, HttpContext http) => AsAdmin(http, async (actor, _, ct) =>
            PathProblem(role, userId) ?? Changed(userId, await RemoveAsync(http.RequestServices, actor, userId, role, ct))));
    }

    /// <summary>
    /// Gives <paramref name="request"/>'s user its role, recorded as an event (nothing when they have it already); answers
    /// their roles after. Refuses by throwing <see cref="DomainException"/> (not an admin) or <see cref="RequestValidationException"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> GrantAsync(IServiceProvider services, Actor actor, Request request, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var result = await services.GetRequiredService<IValidator<Request>>().ValidateAsync(request, ct);
        if (!result.IsValid)
        {
            throw RequestValidationException.From(result);
        }
        return await Change(services, actor, request.UserId.Trim(), roles => roles.Add(request.Role), ct);
    }

    /// <summary>Takes <paramref name="role"/> from the user, recorded as an event (nothing when they do not have it); answers their roles after.</summary>
    public static Task<IReadOnlyList<string>> RemoveAsync(IServiceProvider services, Actor actor, string userId, string role, CancellationToken ct)
    {
        EnsureAdmin(actor);
        return Change(services, actor, userId, roles => roles.Remove(role), ct);
    }

    /// <summary>
    /// The path is this endpoint's only input: a role that cannot be held, or a user id no issuer gives, is refused as
    /// the same body would be by POST, rather than answered as a removal of nothing.
    /// </summary>
    private static IResult? PathProblem(string role, string userId) =>
        !Assignable.Contains(role) ? Problems.Field("role", "The role is one of: " + string.Join(", ", Assignable) + ".")
        : userId.Length > 255 || userId.Any(char.IsControl) ? Problems.Field("userId", "A user id is at most 255 characters, without control characters.")
        : null;

    private static IResult Changed(string userId, IReadOnlyList<string> roles) => Results.Ok(new { userId, roles });

    private static async Task<IReadOnlyList<string>> Change(IServiceProvider services, Actor actor, string userId, Func<SortedSet<string>, bool> change, CancellationToken ct)
    {
        var catalogue = services.GetRequiredService<CatalogueStore>();
        var roles = new SortedSet<string>((await catalogue.GetRolesAsync(userId, ct))?.Roles ?? [], StringComparer.Ordinal);
        if (change(roles))
        {
            await catalogue.SaveRolesAsync(new UserRoles(userId, [.. roles]), actor.UserId, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }
        return [.. roles];
    }

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw AdminOnly();
        }
    }

    private static DomainException AdminOnly() => DomainException.Forbidden("roles.admin-only", "Only administrators may see and change roles.");

    private static async Task<IResult> AsAdmin(HttpContext http, Func<Actor, CatalogueStore, CancellationToken, Task<IResult>> handle)
    {
        var actor = await http.RequestServices.GetRequiredService<Actors>().CurrentAsync(http.User, http.RequestAborted);
        return actor is { IsAdmin: true }
            ? await handle(actor, http.RequestServices.GetRequiredService<CatalogueStore>(), http.RequestAborted)
            : Problems.Domain(AdminOnly());
    }
}
