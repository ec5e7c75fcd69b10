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
        group.MapPost("/", Handler.Of(http => AsAdmin(http, async (actor, catalogue, ct) =>
        {
            var (request, problem) = await JsonBody.ReadAsync(http.Request, http.RequestServices.GetRequiredService<IValidator<Request>>());
            if (problem is not null)
            {
                return problem;
            }
            return await Change(http, actor, catalogue, request!.UserId.Trim(), roles => roles.Add(request.Role), ct);
        })));
        group.MapDelete("/{role}/{userId}", (string role, string userId, HttpContext http) => AsAdmin(http, (actor, catalogue, ct) =>
            Change(http, actor, catalogue, userId, roles => roles.Remove(role), ct)));
    }

    private static async Task<IResult> Change(HttpContext http, Actor actor, CatalogueStore catalogue, string userId, Func<SortedSet<string>, bool> change, CancellationToken ct)
    {
        var roles = new SortedSet<string>((await catalogue.GetRolesAsync(userId, ct))?.Roles ?? [], StringComparer.Ordinal);
        if (change(roles))
        {
            await catalogue.SaveRolesAsync(new UserRoles(userId, [.. roles]), actor.UserId, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }
        return Results.Ok(new { userId, roles });
    }

    private static async Task<IResult> AsAdmin(HttpContext http, Func<Actor, CatalogueStore, CancellationToken, Task<IResult>> handle)
    {
        var actor = await http.RequestServices.GetRequiredService<Actors>().CurrentAsync(http.User, http.RequestAborted);
        return actor is { IsAdmin: true }
            ? await handle(actor, http.RequestServices.GetRequiredService<CatalogueStore>(), http.RequestAborted)
            : Problems.Forbidden("roles.admin-only", "Only administrators may see and change roles.");
    }
}
