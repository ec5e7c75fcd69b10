using System.Globalization;
using AccessRequests.Domain.Duo;

namespace AccessRequests.Domain.Workflows;

/// <summary>
/// Where an application stands in its workflow, derived from its facts alone (no second copy of state).
/// A step applies when ANY dataset of the application satisfies its <c>when</c> (a step without one applies to
/// every dataset), and is skipped otherwise; a dac-review holds one review per DAC owning datasets it applies to.
/// A step opens when every step in its <c>after</c> has passed or been skipped; its facts count only then.
/// </summary>
public static class WorkflowInterpreter
{
    public static WorkflowProgress Evaluate(WorkflowDefinition definition, WorkflowFacts facts)
    {
        var byId = definition.Steps.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
        var done = new Dictionary<string, StepProgress>();
        var visiting = new HashSet<string>();

        StepProgress Progress(WorkflowStep step)
        {
            if (done.TryGetValue(step.Id, out var known))
                return known;
            visiting.Add(step.Id);
            var datasets = facts.Datasets.Where(d => Applies(step.When, d)).ToList();
            var actors = Actors(step.AssignTo, datasets);
            var ids = datasets.Select(d => d.DatasetId).ToList();
            var blocking = step.After.Where(a => !IsDone(a)).ToList();
            var progress = datasets.Count == 0
                ? new StepProgress(step.Id, step.Type, StepStatus.Skipped, actors, ids, "no dataset of the application needs this step", [])
                : blocking.Count > 0
                    ? new StepProgress(step.Id, step.Type, StepStatus.Waiting, actors, ids, $"waits for {string.Join(", ", blocking)}", [])
                    : Evaluate(step, datasets, facts) with { Actors = actors, DatasetIds = ids };
            visiting.Remove(step.Id);
            done[step.Id] = progress;
            return progress;
        }

        // A missing step or a cycle (only possible in a definition the parser did not build) never counts as done.
        bool IsDone(string id) =>
            byId.TryGetValue(id, out var step) && !visiting.Contains(id) &&
            Progress(step).Status is StepStatus.Passed or StepStatus.Skipped;

        var steps = definition.Steps.Select(Progress).ToList();
        var outcome = steps.Any(s => s.Status == StepStatus.Failed) ? WorkflowOutcome.Failed
            : steps.All(s => s.Status is StepStatus.Passed or StepStatus.Skipped) ? WorkflowOutcome.Complete
            : WorkflowOutcome.InProgress;
        return new WorkflowProgress(outcome, steps);
    }

    private static bool Applies(StepCondition? when, DatasetFacts dataset) => when switch
    {
        null => true,
        StepCondition.DatasetHasDuo has => dataset.DuoCodes.Any(c => string.Equals(c.Trim(), has.Code, StringComparison.OrdinalIgnoreCase)),
        _ => throw new ArgumentOutOfRangeException(nameof(when), when, "unknown condition"),
    };

    private static List<string> Actors(StepAssignee assignee, List<DatasetFacts> datasets) => assignee switch
    {
        StepAssignee.Applicants => ["role:applicant"],
        StepAssignee.DataStewards => ["role:steward"],
        _ => datasets.Select(d => $"dac:{d.DacId}").Distinct().ToList(),
    };

    private static StepProgress Evaluate(WorkflowStep step, List<DatasetFacts> datasets, WorkflowFacts facts)
    {
        var (status, detail, reviews) = step.Settings switch
        {
            StepSettings.EthicsApproval s => Ethics(s, facts),
            StepSettings.InstitutionAffiliation s => Affiliation(s, facts.Affiliation),
            StepSettings.DuoMatch => Purpose(datasets, facts),
            StepSettings.DacReview s => DacReview(s, datasets, facts.Dacs),
            StepSettings.TermsAccepted => facts.TermsAcceptedByEveryone
                ? (StepStatus.Passed, "everyone accepted the terms", [])
                : (StepStatus.Open, "the applicant and every member must accept the terms", NoReviews),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Settings, "unknown step type"),
        };
        return new StepProgress(step.Id, step.Type, status, [], [], detail, reviews);
    }

    private static readonly IReadOnlyList<DacReviewProgress> NoReviews = [];

    private static (StepStatus, string, IReadOnlyList<DacReviewProgress>) Ethics(StepSettings.EthicsApproval settings, WorkflowFacts facts)
    {
        var needed = facts.AsOf.AddDays(settings.MinRemainingValidityDays);
        var tooShort = facts.Ethics.ValidUntil is { } until && until < needed
            ? $"it is valid until {Day(until)}, less than {settings.MinRemainingValidityDays} days after {Day(facts.AsOf)}"
            : null;
        return facts.Ethics.Status switch
        {
            EthicsStatus.Rejected => (StepStatus.Failed, "a steward rejected the ethics approval", NoReviews),
            EthicsStatus.Verified when tooShort is not null => (StepStatus.Failed, $"the ethics approval was verified, but {tooShort}", NoReviews),
            EthicsStatus.Verified => (StepStatus.Passed, "a steward verified the ethics approval", NoReviews),
            EthicsStatus.Recorded when tooShort is not null =>
                (StepStatus.Open, $"the ethics approval awaits a steward, but {tooShort}; the applicant should add a newer one", NoReviews),
            EthicsStatus.Recorded => (StepStatus.Open, "the ethics approval awaits a steward", NoReviews),
            _ => (StepStatus.Open, "no ethics approval yet; the applicant adds one", NoReviews),
        };
    }

    private static (StepStatus, string, IReadOnlyList<DacReviewProgress>) Affiliation(
        StepSettings.InstitutionAffiliation settings, AffiliationFacts affiliation)
    {
        var vouched = settings.AutomaticFromFederatedClaims
            ? affiliation.FederatedAffiliations.Where(a => settings.AcceptedAffiliations.Contains(a.Split('@')[0].Trim(), StringComparer.OrdinalIgnoreCase)).ToList()
            : [];
        return affiliation.Status switch
        {
            AffiliationStatus.Rejected => (StepStatus.Failed, "a steward rejected the affiliation", NoReviews),
            AffiliationStatus.Verified => (StepStatus.Passed, "a steward verified the affiliation", NoReviews),
            _ when vouched.Count > 0 => (StepStatus.Passed, $"verified automatically from the identity federation: {string.Join(", ", vouched)}", NoReviews),
            AffiliationStatus.Declared => (StepStatus.Open, "the declared affiliation awaits a steward", NoReviews),
            _ => (StepStatus.Open, "no affiliation declared, and none vouched for by the identity federation", NoReviews),
        };
    }

    private static (StepStatus, string, IReadOnlyList<DacReviewProgress>) Purpose(List<DatasetFacts> datasets, WorkflowFacts facts)
    {
        var results = datasets.Select(d => (d.DatasetId, Result: DuoMatcher.Match(facts.Purpose, new DatasetUse(d.DuoCodes, d.Disease)))).ToList();
        var refused = results.Where(r => r.Result is DuoMatchResult.NoMatch)
            .Select(r => $"{r.DatasetId}: {((DuoMatchResult.NoMatch)r.Result).Reason}").ToList();
        var unsure = results.Where(r => r.Result is DuoMatchResult.NeedsReview)
            .SelectMany(r => ((DuoMatchResult.NeedsReview)r.Result).Reasons.Select(reason => $"{r.DatasetId}: {reason}")).ToList();
        var notes = results.Where(r => r.Result is DuoMatchResult.Match)
            .SelectMany(r => ((DuoMatchResult.Match)r.Result).Notes.Select(note => $"{r.DatasetId}: {note}")).Distinct().ToList();

        // A rule that forbids the purpose is final; a steward's verdict settles only what the rules leave open.
        return (refused.Count, facts.PurposeReview, unsure.Count) switch
        {
            ( > 0, _, _) => (StepStatus.Failed, $"the research purpose does not fit: {string.Join("; ", refused)}", NoReviews),
            (_, StewardVerdict.Rejected, _) => (StepStatus.Failed, "a steward found the research purpose does not fit", NoReviews),
            (_, StewardVerdict.Accepted, _) => (StepStatus.Passed, "a steward accepted the research purpose", NoReviews),
            (_, _, > 0) => (StepStatus.Open, $"a steward must check the research purpose: {string.Join("; ", unsure)}", NoReviews),
            _ => (StepStatus.Passed, string.Join("; ", notes.Prepend("the research purpose fits every dataset")), NoReviews),
        };
    }

    private static (StepStatus, string, IReadOnlyList<DacReviewProgress>) DacReview(
        StepSettings.DacReview settings, List<DatasetFacts> datasets, IReadOnlyList<DacFacts> dacs)
    {
        var reviews = datasets.GroupBy(d => d.DacId)
            .Select(g => Review(settings, g.Key, g.Select(d => d.DatasetId).ToList(), dacs.FirstOrDefault(d => d.DacId == g.Key)))
            .ToList();
        var pending = reviews.Where(r => r.Outcome == ReviewOutcome.Pending).Select(r => r.DacId).ToList();
        var approved = reviews.Where(r => r.Outcome == ReviewOutcome.Approved).Select(r => r.DacId).ToList();
        var rejected = reviews.Where(r => r.Outcome == ReviewOutcome.Rejected).Select(r => r.DacId).ToList();
        var summary = string.Join("; ", new[] { ("approved by", approved), ("rejected by", rejected), ("awaiting", pending) }
            .Where(x => x.Item2.Count > 0).Select(x => $"{x.Item1} {string.Join(", ", x.Item2)}"));

        // Each DAC decides its own datasets: one approval among them makes a (partial) approval.
        var status = pending.Count > 0 ? StepStatus.Open : approved.Count > 0 ? StepStatus.Passed : StepStatus.Failed;
        return (status, summary, reviews);
    }

    private static DacReviewProgress Review(StepSettings.DacReview settings, string dacId, List<string> datasetIds, DacFacts? facts)
    {
        var votes = facts?.Votes.Values.ToList() ?? [];
        var approvals = votes.Count(v => v == DacVote.Approve);
        var notYetVoted = Math.Max(0, (facts?.MemberCount ?? 0) - votes.Count);
        var enough = approvals >= settings.ApprovalsRequired;
        var outcome = facts?.Decision switch
        {
            DacDecision.Approve => ReviewOutcome.Approved,
            DacDecision.Reject => ReviewOutcome.Rejected,
            _ when settings.ChairDecides => ReviewOutcome.Pending,
            _ when enough => ReviewOutcome.Approved,
            _ when facts is { MemberCount: > 0 } && approvals + notYetVoted < settings.ApprovalsRequired => ReviewOutcome.Rejected,
            _ => ReviewOutcome.Pending,
        };
        return new DacReviewProgress(dacId, datasetIds, outcome, approvals, votes.Count(v => v == DacVote.Reject),
            votes.Count(v => v == DacVote.Abstain), enough);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
