using AccessRequests.Domain;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Workflows;

namespace AccessRequests.Web.Applications;

/// <summary>What a command endpoint knows when it builds the domain command: who, when, and the catalogue.</summary>
public sealed record CommandContext(HttpContext Http, Actor Actor, DateTimeOffset Now, CatalogueStore Catalogue)
{
    public CancellationToken Ct => Http.RequestAborted;

    public PolicyRegistry Policies => Http.RequestServices.GetRequiredService<PolicyRegistry>();

    /// <summary>The current rosters of the DACs reviewing the application.</summary>
    public Task<IReadOnlyList<Dac>> DacsOf(ApplicationState state) => Catalogue.GetDacsAsync(state.Reviews.Keys, Ct);

    /// <summary>Each dataset's policy and the newest version of its workflow, as the application will pin them.</summary>
    public (IReadOnlyList<DatasetPolicy> Policies, IReadOnlyList<PinnedWorkflow> Workflows) Pin(IReadOnlyList<Dataset> datasets)
    {
        var registry = Http.RequestServices.GetRequiredService<WorkflowRegistry>();
        var workflows = new Dictionary<string, PinnedWorkflow>();
        var policies = new List<DatasetPolicy>();
        foreach (var dataset in datasets)
        {
            var pinned = registry.PinLatest(dataset.WorkflowId)
                ?? throw DomainException.Conflict("submit.workflow-missing", $"The workflow '{dataset.WorkflowId}' of {dataset.Id} is not installed; ask the data stewards.");
            workflows[ApplicationState.WorkflowKey(pinned.Id, pinned.Version)] = pinned;
            policies.Add(new DatasetPolicy(dataset.Id, dataset.DacId, dataset.DuoCodes, dataset.Disease, pinned.Id, pinned.Version, dataset.Location));
        }
        return (policies, [.. workflows.Values]);
    }

    /// <summary>What the sign-in's token said about the user's affiliation (WAYF attribute names).</summary>
    public IReadOnlyList<AffiliationEvidence> AffiliationEvidence()
    {
        var issuer = Http.User.FindFirst(AuthenticationSetup.IssuerClaim)?.Value ?? "";
        return [.. Http.User.Claims
            .Where(c => c.Type is "eduPersonScopedAffiliation" or "voperson_external_affiliation" or "schacHomeOrganization" or "eduPersonPrincipalName")
            .Select(c => new AffiliationEvidence(issuer, c.Type, c.Value, Now))];
    }

    /// <summary>The application's datasets as the catalogue has them now (datasets removed since are skipped).</summary>
    public Task<IReadOnlyList<Dataset>> DatasetsOf(ApplicationState state) => Catalogue.GetDatasetsAsync(state.DatasetIds, Ct);

    public async Task<IReadOnlyList<TermsVersion>> CurrentTermsOf(ApplicationState state) =>
        [.. (await DatasetsOf(state)).SelectMany(d => d.CurrentTerms)];
}
