using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Catalogue;

namespace AccessRequests.Web.Applications;

/// <summary>What a command endpoint knows when it builds the domain command: who, when, and the catalogue.</summary>
public sealed record CommandContext(HttpContext Http, Actor Actor, DateTimeOffset Now, CatalogueStore Catalogue)
{
    public CancellationToken Ct => Http.RequestAborted;

    /// <summary>The application's datasets as the catalogue has them now (datasets removed since are skipped).</summary>
    public async Task<IReadOnlyList<Dataset>> DatasetsOf(ApplicationState state)
    {
        var datasets = new List<Dataset>();
        foreach (var id in state.DatasetIds)
        {
            if (await Catalogue.GetDatasetAsync(id, Ct) is { } d)
            {
                datasets.Add(d);
            }
        }
        return datasets;
    }

    public async Task<IReadOnlyList<TermsVersion>> CurrentTermsOf(ApplicationState state) =>
        [.. (await DatasetsOf(state)).SelectMany(d => d.CurrentTerms)];
}
