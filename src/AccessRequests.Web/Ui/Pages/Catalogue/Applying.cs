using AccessRequests.Domain.Workflows;
using Microsoft.AspNetCore.Components;

namespace AccessRequests.Web.Ui.Pages.Catalogue;

/// <summary>What the catalogue and a dataset's page share: starting an application, and reading a workflow to a reader.</summary>
public static class Applying
{
    /// <summary>
    /// Starts a draft for <paramref name="datasetIds"/> and sends the browser to it; an anonymous reader is sent to
    /// sign in first (back to <paramref name="returnUrl"/>). Answers the refusal to show, or null when the browser was sent on.
    /// </summary>
    public static async Task<UiResult?> ApplyAsync(UiSession session, NavigationManager navigation, Texts texts, IReadOnlyList<string> datasetIds, string returnUrl)
    {
        if (await session.ActorAsync() is null)
        {
            navigation.NavigateTo($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return null;
        }
        if (datasetIds.Count == 0)
        {
            return Refuse(session, UiResult.Invalid(
                new Dictionary<string, string[]> { ["datasetIds"] = [texts["Select at least one dataset, then apply."]] },
                texts["You did not select a dataset."]));
        }
        var result = await session.StartAsync(datasetIds);
        if (!result.Ok)
        {
            return Refuse(session, result);
        }
        navigation.NavigateTo($"/applications/{result.Id}");
        return null;
    }

    private static UiResult Refuse(UiSession session, UiResult result)
    {
        if (!session.Http.Response.HasStarted)
        {
            session.Http.Response.StatusCode = result.Status;
        }
        return result;
    }

    /// <summary>
    /// The steps in the order they can happen: first every step that waits for nothing (in the file's order), then those
    /// whose steps before them are all placed, and so on.
    /// </summary>
    public static IReadOnlyList<WorkflowStep> InOrder(WorkflowDefinition workflow)
    {
        var ordered = new List<WorkflowStep>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < workflow.Steps.Count)
        {
            var stage = workflow.Steps.Where(s => !placed.Contains(s.Id) && s.After.All(placed.Contains)).ToList();
            if (stage.Count == 0)
            {
                // A valid workflow has no cycles; should one slip through, show the rest as listed rather than loop.
                ordered.AddRange(workflow.Steps.Where(s => !placed.Contains(s.Id)));
                break;
            }
            ordered.AddRange(stage);
            placed.UnionWith(stage.Select(s => s.Id));
        }
        return ordered;
    }
}
