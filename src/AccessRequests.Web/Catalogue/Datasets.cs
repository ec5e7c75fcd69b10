using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Http;
using AccessRequests.Web.Workflows;
using FluentValidation;

namespace AccessRequests.Web.Catalogue;

public static class Datasets
{
    public sealed class Request
    {
        public string Id { get; set; } = "";
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string Location { get; set; } = "";
        public string DacId { get; set; } = "";
        public string WorkflowId { get; set; } = "";
        public List<string> DuoCodes { get; set; } = [];
        public List<TermsDocument> Terms { get; set; } = [];
        public DatasetForm Form { get; set; } = new([]);

        /// <summary>The disease a DS (DUO:0000007) dataset is limited to.</summary>
        public string? Disease { get; set; }

        public Dataset ToDataset() => new(Id, Title.Trim(), Description.Trim(), Location, DacId, WorkflowId, DuoCodes, Terms, Form, Disease?.Trim());
    }

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Id).ValidId();
            RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
            RuleFor(r => r.Description).MaximumLength(10_000);
            RuleFor(r => r.Location).ValidId();
            RuleFor(r => r.DacId).ValidId();
            RuleFor(r => r.WorkflowId).ValidId();
            RuleFor(r => r.DuoCodes).NotNull().Must(c => c.Count <= 20).WithMessage("At most 20 DUO codes.")
                .Must(c => c.Distinct().Count() == c.Count).WithMessage("DUO codes must not repeat.");
            RuleForEach(r => r.DuoCodes).NotEmpty().Matches(CatalogueRules.DuoPattern).WithMessage("A DUO code looks like DUO:0000042.");
            RuleFor(r => r.Terms).NotNull().Must(t => t.Count is >= 1 and <= 10).WithMessage("Give 1 to 10 terms-of-use documents.")
                .Must(t => t.Select(x => x.Id).Distinct().Count() == t.Count).WithMessage("Terms ids must not repeat.");
            RuleForEach(r => r.Terms).ChildRules(t =>
            {
                t.RuleFor(x => x.Id).ValidId();
                t.RuleFor(x => x.Version).NotEmpty().MaximumLength(40);
                t.RuleFor(x => x.Text).MaximumLength(50_000)
                    .Must((doc, text) => string.IsNullOrWhiteSpace(text) ^ string.IsNullOrWhiteSpace(doc.Url))
                    .WithMessage("Give either the text or a URL of the terms, not both.");
                t.RuleFor(x => x.Url).Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                    .WithMessage("The URL must be an absolute http(s) URL.");
            });
            RuleFor(r => r.Disease).MaximumLength(200);
            RuleFor(r => r.Form).NotNull();
            RuleFor(r => r.Form.Fields).NotNull().Must(f => f.Count <= 50).WithMessage("At most 50 form fields.")
                .Must(f => f.Select(x => x.Id).Distinct().Count() == f.Count).WithMessage("Form field ids must not repeat.")
                .When(r => r.Form is not null);
            RuleForEach(r => r.Form.Fields).ChildRules(f =>
            {
                f.RuleFor(x => x.Id).ValidId();
                f.RuleFor(x => x.Label).NotEmpty().MaximumLength(300);
                f.RuleFor(x => x.Type).Must(FormField.Types.Contains).WithMessage("The type must be one of: " + string.Join(", ", FormField.Types) + ".");
            }).When(r => r.Form is not null);
        }
    }

    public static void MapDatasets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets").WithTags("Catalogue");
        group.MapGet("/", async (CatalogueStore catalogue, CancellationToken ct) => Results.Ok(await catalogue.ListDatasetsAsync(ct))).AllowAnonymous();
        group.MapGet("/{id}", async (string id, CatalogueStore catalogue, CancellationToken ct) =>
            await catalogue.GetDatasetAsync(id, ct) is { } d ? Results.Ok(d) : Problems.NotFound($"Dataset '{id}'")).AllowAnonymous();
        group.MapPost("/", Handler.Of(http => Save(http, routeId: null))).RequireAuthorization();
        group.MapPut("/{id}", (string id, HttpContext http) => Save(http, id)).RequireAuthorization();
    }

    /// <summary>What a dataset is to the catalogue's one save path (the API's POST and PUT, and the administration pages).</summary>
    public static readonly CatalogueEndpoints.Kind<Request, Dataset> Kind = new("dataset", r => r.Id,
        async (request, services, catalogue, ct) => await catalogue.GetDacAsync(request.DacId, ct) is null
            ? ("dacId", $"There is no DAC '{request.DacId}'.")
            : services.GetRequiredService<WorkflowRegistry>().Latest(request.WorkflowId) is null
                ? ("workflowId", $"There is no workflow '{request.WorkflowId}'; see GET /api/workflows.")
                : null,
        r => r.ToDataset(),
        (catalogue, id, ct) => catalogue.GetDatasetAsync(id, ct),
        (catalogue, dataset, actor, now, isNew, ct) => catalogue.SaveDatasetAsync(dataset, actor, now, isNew, ct));

    private static Task<IResult> Save(HttpContext http, string? routeId) => CatalogueEndpoints.SaveAsync(http, routeId, Kind);
}
