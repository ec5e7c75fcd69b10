using AccessRequests.Domain.Workflows;

namespace AccessRequests.Web.Workflows;

public static class WorkflowEndpoints
{
    public static void MapWorkflows(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/workflows", (WorkflowRegistry registry) =>
            Results.Ok(registry.Catalog.Definitions.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).Select(View)))
            .AllowAnonymous().WithTags("Catalogue");

    private static object View(WorkflowDefinition d) => new
    {
        id = d.Id,
        version = d.Version,
        title = new { en = d.Title.En, da = d.Title.Da },
        decision = d.Decision.ToString().ToLowerInvariant(),
        steps = d.Steps.Select(s => new
        {
            id = s.Id,
            type = s.Type,
            after = s.After,
            when = s.When is StepCondition.DatasetHasDuo has ? new { datasetHasDuo = has.Code } : null,
            assignTo = s.AssignTo switch
            {
                StepAssignee.DataStewards => "data-stewards",
                StepAssignee.DatasetDac => "dataset-dac",
                _ => "applicants",
            },
            settings = (object)s.Settings,
        }),
        grant = d.Grant,
        deadlines = d.Deadlines,
    };
}
