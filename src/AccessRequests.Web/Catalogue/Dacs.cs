using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Http;
using FluentValidation;

namespace AccessRequests.Web.Catalogue;

public static class Dacs
{
    public sealed class Request
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public List<DacMember> Members { get; set; } = [];

        /// <summary>What the committee decides on; optional.</summary>
        public string? Description { get; set; }

        public Dac ToDac() => new(Id, Name.Trim(), Members, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim());
    }

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Id).ValidId();
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Description).MaximumLength(2000);
            RuleFor(r => r.Members).NotNull().Must(m => m.Count <= 100).WithMessage("At most 100 members.")
                .Must(m => m.Select(x => x.UserId).Distinct().Count() == m.Count).WithMessage("A user is a member once.")
                .Must(m => m.Count(x => x.Role == DacMember.Chair) == 1).WithMessage("A DAC has exactly one chair.");
            RuleForEach(r => r.Members).ChildRules(m =>
            {
                m.RuleFor(x => x.UserId).NotEmpty().MaximumLength(255);
                m.RuleFor(x => x.Role).Must(r => r is DacMember.Chair or DacMember.Member).WithMessage("The role is 'chair' or 'member'.");
            });
        }
    }

    public static void MapDacs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dacs").WithTags("Catalogue");
        group.MapGet("/", async (CatalogueStore catalogue, CancellationToken ct) => Results.Ok(await catalogue.ListDacsAsync(ct))).AllowAnonymous();
        group.MapGet("/{id}", async (string id, CatalogueStore catalogue, CancellationToken ct) =>
            await catalogue.GetDacAsync(id, ct) is { } d ? Results.Ok(d) : Problems.NotFound($"DAC '{id}'")).AllowAnonymous();
        group.MapPost("/", Handler.Of(http => Save(http, routeId: null))).RequireAuthorization();
        group.MapPut("/{id}", (string id, HttpContext http) => Save(http, id)).RequireAuthorization();
    }

    /// <summary>What a DAC is to the catalogue's one save path (the API's POST and PUT, and the administration pages).</summary>
    public static readonly CatalogueEndpoints.Kind<Request, Dac> Kind = new("dac", r => r.Id,
        (_, _, _, _) => Task.FromResult<(string, string)?>(null),
        r => r.ToDac(),
        (catalogue, id, ct) => catalogue.GetDacAsync(id, ct),
        (catalogue, dac, actor, now, isNew, ct) => catalogue.SaveDacAsync(dac, actor, now, isNew, ct));

    private static Task<IResult> Save(HttpContext http, string? routeId) => CatalogueEndpoints.SaveAsync(http, routeId, Kind);
}
