using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Applications;

/// <summary>
/// Who an application concerns, as read-model participant rows: the people on it, and the groups whose open steps
/// wait on (<c>role:steward</c>, <c>dac:&lt;id&gt;</c>), or who acted on it (handled).
/// </summary>
public static class Inbox
{
    public const string Todo = "todo";
    public const string Handled = "handled";

    public static IReadOnlyList<Participant> Participants(ApplicationState s, ReviewView review)
    {
        var rows = new List<Participant> { new(s.ApplicantId, Relations.Applicant) };
        rows.AddRange(s.Members.Select(m => new Participant(m.UserId, Relations.Member)));
        if (s.Status == ApplicationStatus.Submitted)
        {
            var open = review.Workflows.SelectMany(w => w.Steps).Where(step => step.Status == "open").ToList();
            rows.AddRange(open
                .SelectMany(step => step.Actors)
                .Where(a => a.StartsWith("role:steward", StringComparison.Ordinal) || a.StartsWith("dac:", StringComparison.Ordinal))
                .Select(a => new Participant(a, Todo)));
            // Whoever took a step has it to do while it is open; once it has passed it is in their handled list only.
            rows.AddRange(s.Assignments
                .Where(a => open.Any(step => step.Id == a.Key))
                .Select(a => new Participant(a.Value, Todo)));
        }
        rows.AddRange(s.Handlers.Select(h => new Participant(h, Handled)));
        return [.. rows.Distinct()];
    }

    /// <summary>The participant ids under which <paramref name="actor"/> finds work: themself, their roles, their DACs.</summary>
    public static IReadOnlyList<string> IdsOf(Actor actor) =>
        [actor.UserId, .. actor.IsSteward ? ["role:steward"] : Array.Empty<string>(), .. (actor.DacIds ?? new HashSet<string>()).Select(d => $"dac:{d}")];
}
