using AccessRequests.Domain.Applications;

namespace AccessRequests.Web.Applications;

/// <summary>The review part of an application as the API shows it: checks, steps, votes, decisions, deadline.</summary>
public sealed record ReviewView(
    IReadOnlyList<string> DacIds,
    IReadOnlyList<DatasetPolicy> Policies,
    EthicsApproval? Ethics,
    Affiliation? Affiliation,
    IReadOnlyList<PurposeResult> PurposeResults,
    CheckStatus? PurposeCheck,
    IReadOnlyList<WorkflowView> Workflows,
    IReadOnlyList<DacReviewView> Reviews,
    IReadOnlyDictionary<string, string> Assignments,
    string? PendingRequest,
    DateTimeOffset? Deadline,
    DateTimeOffset? CompletionDeadline,
    bool Overdue,
    IReadOnlyList<string> ApprovedDatasetIds,
    DateTimeOffset? DecidedAt)
{
    public static ReviewView From(ApplicationState s)
    {
        var tracks = s.Policies.Length == 0 ? [] : ApplicationProgress.Tracks(s, DateOnly.FromDateTime(s.UpdatedAt.UtcDateTime));
        return new ReviewView(
            [.. s.Reviews.Keys.Order(StringComparer.Ordinal)],
            s.Policies,
            s.Ethics,
            s.Affiliation,
            s.PurposeResults,
            s.PurposeCheck,
            [.. tracks.Select(t => new WorkflowView(t.Workflow.Id, t.Workflow.Version, [.. t.Datasets.Select(d => d.DatasetId)],
                t.Progress.Outcome.ToString().ToLowerInvariant(),
                [.. t.Progress.Steps.Select(p => new StepView(p.StepId, p.Type, p.Status.ToString().ToLowerInvariant(), p.Actors, p.DatasetIds, p.Detail))]))],
            [.. s.Reviews.Values.OrderBy(r => r.DacId, StringComparer.Ordinal).Select(r => new DacReviewView(
                r.DacId,
                [.. r.Votes.Values.OrderBy(v => v.At)],
                r.Decision))],
            s.Assignments,
            s.PendingRequest,
            ApplicationProgress.DecisionDue(s),
            ApplicationProgress.CompletionDue(s),
            s.Overdue,
            s.ApprovedDatasetIds,
            s.DecidedAt);
    }

    /// <summary>Applicants see decisions, never votes or who was assigned.</summary>
    public ReviewView ForApplicants() => this with
    {
        Reviews = [.. Reviews.Select(r => r with { Votes = [] })],
        Assignments = new Dictionary<string, string>(),
    };
}

public sealed record WorkflowView(string Id, int Version, IReadOnlyList<string> DatasetIds, string Outcome, IReadOnlyList<StepView> Steps);

public sealed record StepView(string Id, string Type, string Status, IReadOnlyList<string> Actors, IReadOnlyList<string> DatasetIds, string Detail);

public sealed record DacReviewView(string DacId, IReadOnlyList<CastVote> Votes, RecordedDecision? Decision);
