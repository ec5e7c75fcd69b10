using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Applications;

/// <summary>One pinned workflow and the datasets of the application it governs, with where they stand.</summary>
public sealed record WorkflowTrack(WorkflowDefinition Workflow, IReadOnlyList<DatasetPolicy> Datasets, WorkflowProgress Progress);

/// <summary>
/// Where a submitted application stands: its facts fed to the interpreter, once per pinned workflow (an application
/// may span datasets with different workflows), and the deadline the workflows set.
/// </summary>
public static class ApplicationProgress
{
    public static IReadOnlyList<WorkflowTrack> Tracks(ApplicationState state, DateOnly asOf, IReadOnlyList<Dac>? rosters = null) =>
        [.. state.Policies
            .GroupBy(p => ApplicationState.WorkflowKey(p.WorkflowId, p.WorkflowVersion))
            .Select(g =>
            {
                var workflow = state.Workflows[g.Key];
                var datasets = g.ToList();
                return new WorkflowTrack(workflow, datasets, WorkflowInterpreter.Evaluate(workflow, Facts(state, datasets, asOf, rosters)));
            })];

    public static IEnumerable<StepProgress> Steps(this IReadOnlyList<WorkflowTrack> tracks) => tracks.SelectMany(t => t.Progress.Steps);

    /// <summary>True when a step of <paramref name="type"/> is open in any workflow of the application.</summary>
    public static bool IsOpen(this IReadOnlyList<WorkflowTrack> tracks, string type) =>
        tracks.Steps().Any(s => s.Type == type && s.Status == StepStatus.Open);

    /// <summary>The open dac-review of <paramref name="dacId"/>, with its workflow's settings; null when there is none.</summary>
    public static (StepSettings.DacReview Settings, DacReviewProgress Review)? OpenReview(this IReadOnlyList<WorkflowTrack> tracks, string dacId) =>
        tracks.SelectMany(t => t.Workflow.Steps.Select(step => (step, progress: t.Progress.Step(step.Id))))
            .Where(x => x.step.Settings is StepSettings.DacReview && x.progress.Status == StepStatus.Open)
            .SelectMany(x => x.progress.Reviews.Where(r => r.DacId == dacId && r.Outcome == ReviewOutcome.Pending)
                .Select(r => ((StepSettings.DacReview)x.step.Settings, r)))
            .Select(x => ((StepSettings.DacReview, DacReviewProgress)?)x)
            .FirstOrDefault();

    /// <summary>
    /// The application's decision once every workflow has an outcome: the datasets approved (by their DAC, or
    /// automatically), or none with the reason. Null while anything is still open.
    /// </summary>
    public static (IReadOnlyList<string> Approved, string? Reason)? Outcome(ApplicationState state, IReadOnlyList<WorkflowTrack> tracks)
    {
        var approved = new List<string>();
        var reasons = new List<string>();
        foreach (var track in tracks)
        {
            var failedCheck = track.Progress.Steps.FirstOrDefault(s => s.Type != StepTypes.DacReview && s.Status == StepStatus.Failed);
            if (failedCheck is not null)
            {
                reasons.Add($"{failedCheck.StepId}: {failedCheck.Detail}");
                continue;
            }
            if (track.Workflow.Decision == DecisionMode.Automatic)
            {
                if (track.Progress.Outcome != WorkflowOutcome.Complete)
                {
                    return null;
                }
                approved.AddRange(track.Datasets.Select(d => d.DatasetId));
                continue;
            }
            var reviews = track.Progress.Steps.Where(s => s.Type == StepTypes.DacReview).ToList();
            if (track.Progress.Steps.Any(s => s.Status is StepStatus.Open or StepStatus.Waiting))
            {
                return null;
            }
            foreach (var review in reviews.SelectMany(s => s.Reviews))
            {
                var decision = state.Reviews.GetValueOrDefault(review.DacId)?.Decision;
                if (review.Outcome == ReviewOutcome.Approved && decision is not null)
                {
                    approved.AddRange(review.DatasetIds.Intersect(decision.DatasetIds));
                }
                else if (decision?.Reason is { } reason)
                {
                    reasons.Add($"{review.DacId}: {reason}");
                }
            }
        }
        return ([.. approved.Distinct()], reasons.Count == 0 ? null : string.Join("; ", reasons));
    }

    /// <summary>
    /// When the decision is due: the shortest <c>decisionDays</c> of the pinned workflows after the first submit,
    /// plus the time spent returned where the workflow pauses the clock. Null before submit or after the decision.
    /// </summary>
    public static DateTimeOffset? DecisionDue(ApplicationState state)
    {
        if (state.ClockStartedAt is not { } submitted || state.DecidedAt is not null || state.Workflows.Count == 0)
        {
            return null;
        }
        var policy = state.Workflows.Values.Select(w => w.Deadlines).MinBy(d => d.DecisionDays)!;
        var paused = policy.PauseWhileReturned ? state.Paused : TimeSpan.Zero;
        return submitted.AddDays(policy.DecisionDays) + paused;
    }

    /// <summary>While returned: when the applicant must have answered (the workflow's <c>completionDays</c>), if it sets one.</summary>
    public static DateTimeOffset? CompletionDue(ApplicationState state) =>
        state is { Status: ApplicationStatus.Returned, ReturnedAt: { } returned }
        && state.Workflows.Values.Select(w => w.Deadlines.CompletionDays).Where(d => d is not null).Min() is { } days
            ? returned.AddDays(days)
            : null;

    /// <summary>
    /// The next moment the service's timer should look at the application: a reminder, a deadline, a warning that a
    /// grant or the ethics approval expires soon, or the end of a grant; null when nothing is pending.
    /// </summary>
    public static DateTimeOffset? NextCheck(ApplicationState state)
    {
        var expiry = state.ActiveGrants.Select(g => (DateTimeOffset?)g.ValidUntil).Min();
        return Earliest(Earliest(DeadlineCheck(state), expiry), ExpiryWarnings.Next(state));
    }

    private static DateTimeOffset? DeadlineCheck(ApplicationState state)
    {
        if (state.Overdue)
        {
            return null;
        }
        if (state.Status == ApplicationStatus.Returned)
        {
            return CompletionDue(state);
        }
        if (state.Status != ApplicationStatus.Submitted || DecisionDue(state) is not { } due)
        {
            return null;
        }
        var remindDays = state.Workflows.Values.Select(w => w.Deadlines.RemindDaysBefore).Where(d => d is not null).Max();
        var remindAt = remindDays is { } days ? due.AddDays(-days) : (DateTimeOffset?)null;
        return remindAt is { } at && state.RemindedFor != due ? at : due;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static WorkflowFacts Facts(ApplicationState state, IReadOnlyList<DatasetPolicy> datasets, DateOnly asOf, IReadOnlyList<Dac>? rosters) => new()
    {
        AsOf = asOf,
        Datasets = [.. datasets.Select(d => new DatasetFacts(d.DatasetId, d.DacId, d.DuoCodes, d.Disease))],
        Purpose = state.Purpose,
        Ethics = state.Ethics is { } e
            ? new EthicsFacts(e.Status switch { CheckStatus.Verified => EthicsStatus.Verified, CheckStatus.Rejected => EthicsStatus.Rejected, _ => EthicsStatus.Recorded }, e.ValidUntil)
            : EthicsFacts.None,
        Affiliation = state.Affiliation is { } a
            ? new AffiliationFacts(
                a.Status switch
                {
                    CheckStatus.Verified => AffiliationStatus.Verified,
                    CheckStatus.Rejected => AffiliationStatus.Rejected,
                    _ when a.Position is not null => AffiliationStatus.Declared,
                    _ => AffiliationStatus.None,
                },
                a.Evidence is { } evidence ? [evidence.Value] : [])
            : AffiliationFacts.None,
        PurposeReview = state.PurposeCheck switch
        {
            CheckStatus.Verified => StewardVerdict.Accepted,
            CheckStatus.Rejected => StewardVerdict.Rejected,
            _ => StewardVerdict.None,
        },
        Dacs = [.. state.Reviews.Values.Select(r => new DacFacts(
            r.DacId,
            Math.Max(r.Votes.Count, rosters?.FirstOrDefault(d => d.Id == r.DacId)?.Members.Count ?? 0),
            r.Votes.ToDictionary(v => v.Key, v => v.Value.Vote),
            r.Decision?.Decision))],
        TermsAcceptedByEveryone = state.ApplyingUserIds.All(u => state.HasAccepted(u, state.PinnedTerms)),
    };
}
