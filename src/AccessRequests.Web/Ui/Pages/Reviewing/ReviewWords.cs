using AccessRequests.Domain;
using AccessRequests.Web.Applications;

namespace AccessRequests.Web.Ui.Pages.Reviewing;

/// <summary>What the inbox and the review page both say about steps: which of them wait on a reader.</summary>
public static class ReviewWords
{
    /// <summary>The open steps that wait on <paramref name="actor"/>: on their role, one of their DACs, or assigned to them.</summary>
    public static IReadOnlyList<StepView> WaitingOn(ApplicationView view, Actor actor)
    {
        if (view.Status != "submitted")
        {
            return [];
        }
        var ids = Inbox.IdsOf(actor).ToHashSet(StringComparer.Ordinal);
        return [.. view.Review.Workflows.SelectMany(w => w.Steps)
            .Where(s => s.Status == "open"
                && (s.Actors.Any(ids.Contains) || view.Review.Assignments.GetValueOrDefault(s.Id) == actor.UserId))
            .DistinctBy(s => (s.Id, string.Join(",", s.Actors)))];
    }
}
