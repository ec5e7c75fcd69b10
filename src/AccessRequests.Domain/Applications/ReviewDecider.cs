using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Duo;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Applications.ApplicationStatus;

namespace AccessRequests.Domain.Applications;

/// <summary>
/// The review part of the lifecycle, as the pinned workflows lay it down: stewards' checks, information requests,
/// assignment, DAC votes and decisions, and the decision on the whole application once every workflow is through.
/// </summary>
internal static class ReviewDecider
{
    public const string SystemActor = Actor.SystemUserId;

    private static readonly Dictionary<CheckKind, (string Type, string Command)> Checks = new()
    {
        [CheckKind.Ethics] = (StepTypes.EthicsApproval, "ethics"),
        [CheckKind.Affiliation] = (StepTypes.InstitutionAffiliation, "affiliation"),
        [CheckKind.Purpose] = (StepTypes.DuoMatch, "purpose"),
    };

    /// <summary>The events a submit adds to <see cref="ApplicationEvent.Submitted"/>: evidence, purpose match, and an automatic decision.</summary>
    public static IReadOnlyList<ApplicationEvent> AfterSubmit(ApplicationCommand.Submit c, ApplicationState submitted)
    {
        var events = new List<ApplicationEvent>();
        var allowsAutomatic = submitted.Workflows.Values.SelectMany(w => w.Steps)
            .Select(s => s.Settings).OfType<StepSettings.InstitutionAffiliation>().FirstOrDefault(s => s.AutomaticFromFederatedClaims);
        if (allowsAutomatic is not null
            && AffiliationRules.Match(c.Evidence ?? [], c.Institutions ?? [], allowsAutomatic.AcceptedAffiliations) is var (evidence, institution))
        {
            events.Add(new ApplicationEvent.AffiliationConfirmedAutomatically(c.Actor.UserId, c.Now, institution.Id, evidence));
        }
        var state = events.Aggregate(submitted, ApplicationEvolver.Evolve);
        if (PurposeResults(state) is { Count: > 0 } results)
        {
            events.Add(new ApplicationEvent.PurposeMatched(c.Actor.UserId, c.Now, results));
            state = ApplicationEvolver.Evolve(state, events[^1]);
        }
        return ConcludeAfter(c, submitted, events);
    }

    /// <summary>Refusals a submit must give before anything is recorded: what the applicant still has to supply.</summary>
    public static void RequireSubmittable(ApplicationCommand.Submit c, ApplicationState state)
    {
        var today = DateOnly.FromDateTime(c.Now.UtcDateTime);
        foreach (var policy in c.Policies ?? [])
        {
            var workflow = c.Workflows!.First(w => w.Id == policy.WorkflowId && w.Version == policy.WorkflowVersion);
            var definition = ((WorkflowParseResult.Valid)WorkflowParser.Parse($"{workflow.Id}.v{workflow.Version}.json", workflow.Json)).Definition;
            foreach (var step in definition.Steps.Where(s => Applies(s, policy)))
            {
                switch (step.Settings)
                {
                    case StepSettings.EthicsApproval ethics when state.Ethics is null:
                        throw DomainException.Conflict("submit.ethics-approval-missing", $"{policy.DatasetId} needs a research-ethics approval: add it first.");
                    case StepSettings.EthicsApproval ethics when state.Ethics.ValidUntil < today.AddDays(ethics.MinRemainingValidityDays):
                        throw DomainException.Conflict("submit.ethics-approval-expires",
                            $"The ethics approval must be valid for at least {ethics.MinRemainingValidityDays} more days.");
                    case StepSettings.InstitutionAffiliation affiliation when state.Affiliation is null
                        && !(affiliation.AutomaticFromFederatedClaims && AffiliationRules.Match(c.Evidence ?? [], c.Institutions ?? [], affiliation.AcceptedAffiliations) is not null):
                        throw DomainException.Conflict("submit.affiliation-missing",
                            "Your sign-in does not show a Danish research institution: declare your institution and position first.");
                }
            }
        }
    }

    public static IReadOnlyList<ApplicationEvent> VerifyCheck(ApplicationCommand.VerifyCheck c, ApplicationState state)
    {
        var (type, name) = Checks[c.Check];
        RequireCheckOpen(c, state, type, $"verify-{name}");
        var verified = new ApplicationEvent.CheckVerified(c.Actor.UserId, c.Now, c.Check, c.Comment);
        return ConcludeAfter(c, state, [verified]);
    }

    public static IReadOnlyList<ApplicationEvent> RejectCheck(ApplicationCommand.RejectCheck c, ApplicationState state)
    {
        var (type, name) = Checks[c.Check];
        RequireCheckOpen(c, state, type, $"reject-{name}");
        if (string.IsNullOrWhiteSpace(c.Reason))
        {
            throw DomainException.Conflict($"reject-{name}.reason-required", "Say why, for the applicant.");
        }
        var rejected = new ApplicationEvent.CheckRejected(c.Actor.UserId, c.Now, c.Check, c.Reason);
        return ConcludeAfter(c, state, [rejected]);
    }

    public static IReadOnlyList<ApplicationEvent> RequestInformation(ApplicationCommand.RequestInformation c, ApplicationState state)
    {
        if (!c.Actor.IsSteward && !IsOnDacOf(c.Actor, state, c.Dacs))
        {
            throw DomainException.Forbidden("request-information.not-reviewer", "Only data stewards and the application's DAC members may ask for information.");
        }
        ApplicationDecider.RequireStatus(state, "request-information", Submitted);
        if (c.StepId is not null && state.Workflows.Values.All(w => w.Steps.All(s => s.Id != c.StepId)))
        {
            throw DomainException.Conflict("request-information.unknown-step", $"The application's workflows have no step '{c.StepId}'.");
        }
        return [new ApplicationEvent.InformationRequested(c.Actor.UserId, c.Now, c.Message, c.StepId)];
    }

    /// <summary>After the applicant's response: the purpose is matched again if the applicant changed it.</summary>
    public static IReadOnlyList<ApplicationEvent> Reopen(ApplicationCommand c, ApplicationState state)
    {
        if (state.PurposeCheck is not null || PurposeResults(state) is not { Count: > 0 } results)
        {
            return [];
        }
        var same = results.Count == state.PurposeResults.Count && results.Zip(state.PurposeResults)
            .All(p => p.First.DatasetId == p.Second.DatasetId && p.First.Outcome == p.Second.Outcome && p.First.Reasons.SequenceEqual(p.Second.Reasons));
        return same ? [] : [new ApplicationEvent.PurposeMatched(c.Actor.UserId, c.Now, results)];
    }

    public static IReadOnlyList<ApplicationEvent> Assign(ApplicationCommand.Assign c, ApplicationState state)
    {
        ApplicationDecider.RequireStatus(state, "assign", Submitted, Returned);
        var step = state.Workflows.Values.SelectMany(w => w.Steps).FirstOrDefault(s => s.Id == c.StepId)
            ?? throw DomainException.Conflict("assign.unknown-step", $"The application's workflows have no step '{c.StepId}'.");
        var allowed = step.AssignTo switch
        {
            StepAssignee.DataStewards => c.Actor.IsSteward,
            StepAssignee.DatasetDac => c.Actor.IsSteward || IsOnDacOf(c.Actor, state, c.Dacs),
            _ => false,
        };
        if (!allowed)
        {
            throw DomainException.Forbidden("assign.not-allowed", $"You do not act on the step '{c.StepId}'.");
        }
        var assignee = string.IsNullOrWhiteSpace(c.Assignee) ? c.Actor.UserId : c.Assignee.Trim();
        return state.Assignments.GetValueOrDefault(c.StepId) == assignee ? [] : [new ApplicationEvent.StepAssigned(c.Actor.UserId, c.Now, c.StepId, assignee)];
    }

    public static IReadOnlyList<ApplicationEvent> Vote(ApplicationCommand.RecordVote c, ApplicationState state)
    {
        RequireDacMember(c.Actor, state, c.DacId, c.Dacs, "vote", chairOnly: false);
        ApplicationDecider.RequireStatus(state, "vote", Submitted);
        if (ApplicationProgress.Tracks(state, Today(c), c.Dacs).OpenReview(c.DacId) is null)
        {
            throw DomainException.Conflict("vote.review-not-open", $"The review of {c.DacId} is not open: earlier steps are not through, or it is decided.");
        }
        var previous = state.Reviews.GetValueOrDefault(c.DacId)?.Votes.GetValueOrDefault(c.Actor.UserId);
        return previous is not null && previous.Vote == c.Vote && previous.Comment == c.Comment
            ? []
            : [new ApplicationEvent.VoteCast(c.Actor.UserId, c.Now, c.DacId, c.Vote, c.Comment)];
    }

    public static IReadOnlyList<ApplicationEvent> Decide(ApplicationCommand.Decide c, ApplicationState state)
    {
        RequireDacMember(c.Actor, state, c.DacId, c.Dacs, "decide", chairOnly: true);
        ApplicationDecider.RequireStatus(state, "decide", Submitted);
        var open = ApplicationProgress.Tracks(state, Today(c), c.Dacs).OpenReview(c.DacId)
            ?? throw DomainException.Conflict("decide.review-not-open", $"The review of {c.DacId} is not open: earlier steps are not through, or it is decided.");
        var dacDatasets = open.Review.DatasetIds;
        var datasets = c.DatasetIds is { Count: > 0 } named ? named : dacDatasets;
        if (datasets.Except(dacDatasets).ToList() is { Count: > 0 } foreign)
        {
            throw DomainException.Conflict("decide.not-this-dacs-datasets", $"{c.DacId} does not decide on {string.Join(", ", foreign)}.", foreign);
        }
        if (c.Decision == DacDecision.Reject && string.IsNullOrWhiteSpace(c.Reason))
        {
            throw DomainException.Conflict("decide.reason-required", "A refusal needs a reason the applicant can read.");
        }
        if (c.Decision == DacDecision.Approve && !open.Review.EnoughApprovals)
        {
            throw DomainException.Conflict("decide.not-enough-approvals",
                $"Approving needs {open.Settings.ApprovalsRequired} approving votes; there are {open.Review.Approvals}.");
        }
        if (c.ValidUntil is { } until && until <= Today(c))
        {
            throw DomainException.Conflict("decide.valid-until-past", "The access must end after today.");
        }
        var decided = new ApplicationEvent.DacDecided(c.Actor.UserId, c.Now, c.DacId, c.Decision,
            c.Decision == DacDecision.Approve ? datasets : dacDatasets, c.ValidUntil, c.Conditions, c.Reason);
        return ConcludeAfter(c, state, [decided]);
    }

    /// <summary>From the timer: a reminder before the decision deadline, and the deadline passing, each recorded once.</summary>
    public static IReadOnlyList<ApplicationEvent> CheckDeadline(ApplicationCommand.CheckDeadline c, ApplicationState state)
    {
        if (state.Overdue)
        {
            return [];
        }
        if (state.Status == Returned)
        {
            return ApplicationProgress.CompletionDue(state) is { } completion && c.Now >= completion
                ? [new ApplicationEvent.DeadlinePassed(SystemActor, c.Now, completion)]
                : [];
        }
        if (state.Status != Submitted || ApplicationProgress.DecisionDue(state) is not { } due)
        {
            return [];
        }
        if (c.Now >= due)
        {
            return [new ApplicationEvent.DeadlinePassed(SystemActor, c.Now, due)];
        }
        var remindDays = state.Workflows.Values.Select(w => w.Deadlines.RemindDaysBefore).Where(d => d is not null).Max();
        return remindDays is { } days && c.Now >= due.AddDays(-days) && state.RemindedFor != due
            ? [new ApplicationEvent.DeadlineReminded(SystemActor, c.Now, due)]
            : [];
    }

    /// <summary>
    /// <paramref name="events"/>, and the application's decision when they, though not review events (terms accepted,
    /// a member removed, a response), bring every pinned workflow to an outcome: a terms step need not come before the DAC review.
    /// </summary>
    public static IReadOnlyList<ApplicationEvent> ConcludeAfter(ApplicationCommand c, ApplicationState state, IReadOnlyList<ApplicationEvent> events)
    {
        var next = events.Aggregate(state, ApplicationEvolver.Evolve);
        var decided = next.Status == Submitted && next.Policies.Length > 0 ? Conclude(c, next) : [];
        next = decided.Aggregate(next, ApplicationEvolver.Evolve);
        return [.. events, .. decided, .. GrantDecider.Reconcile(c, next)];
    }

    /// <summary>The application's decision, when the events just decided have brought every workflow to an outcome.</summary>
    private static IReadOnlyList<ApplicationEvent> Conclude(ApplicationCommand c, ApplicationState state) =>
        ApplicationProgress.Outcome(state, ApplicationProgress.Tracks(state, Today(c))) is var (approved, reason)
            ? [new ApplicationEvent.ApplicationDecided(c.Actor.UserId, c.Now, approved, approved.Count == 0 ? reason ?? "No dataset was approved." : reason)]
            : [];

    private static void RequireCheckOpen(ApplicationCommand c, ApplicationState state, string stepType, string command)
    {
        if (!c.Actor.IsSteward)
        {
            throw DomainException.Forbidden($"{command}.steward-only", "Only data stewards check this.");
        }
        ApplicationDecider.RequireStatus(state, command, Submitted);
        if (!ApplicationProgress.Tracks(state, Today(c)).IsOpen(stepType))
        {
            throw DomainException.Conflict($"{command}.not-open", $"There is no open {stepType} step to check on this application.");
        }
        var nothingToCheck = stepType switch
        {
            StepTypes.EthicsApproval => state.Ethics is null,
            StepTypes.InstitutionAffiliation => state.Affiliation is null,
            _ => false,
        };
        if (nothingToCheck)
        {
            throw DomainException.Conflict($"{command}.nothing-recorded", "The applicant has not recorded anything to check yet; ask for information instead.");
        }
    }

    private static List<PurposeResult> PurposeResults(ApplicationState state)
    {
        var duoSteps = state.Workflows.Values.SelectMany(w => w.Steps.Where(s => s.Settings is StepSettings.DuoMatch).Select(s => (w, s)));
        var datasets = state.Policies
            .Where(p => duoSteps.Any(x => x.w.Id == p.WorkflowId && x.w.Version == p.WorkflowVersion && Applies(x.s, p)))
            .ToList();
        return [.. datasets.Select(d => DuoMatcher.Match(state.Purpose, new DatasetUse(d.DuoCodes, d.Disease)) switch
        {
            DuoMatchResult.Match m => new PurposeResult(d.DatasetId, PurposeResult.Match, m.Notes),
            DuoMatchResult.NoMatch n => new PurposeResult(d.DatasetId, PurposeResult.NoMatch, [n.Reason]),
            DuoMatchResult.NeedsReview r => new PurposeResult(d.DatasetId, PurposeResult.NeedsReview, r.Reasons),
            _ => throw new InvalidOperationException("Unknown DUO match result."),
        })];
    }

    private static bool Applies(WorkflowStep step, DatasetPolicy policy) =>
        step.When is not StepCondition.DatasetHasDuo has || policy.DuoCodes.Contains(has.Code, StringComparer.OrdinalIgnoreCase);

    private static bool IsOnDacOf(Actor actor, ApplicationState state, IReadOnlyList<Dac> dacs) =>
        dacs.Any(d => state.Reviews.ContainsKey(d.Id) && d.Members.Any(m => m.UserId == actor.UserId));

    private static void RequireDacMember(Actor actor, ApplicationState state, string dacId, IReadOnlyList<Dac> dacs, string command, bool chairOnly)
    {
        var dac = dacs.FirstOrDefault(d => d.Id == dacId);
        var member = dac?.Members.FirstOrDefault(m => m.UserId == actor.UserId);
        if (!state.Reviews.ContainsKey(dacId) || member is null || (chairOnly && member.Role != DacMember.Chair))
        {
            throw DomainException.Forbidden($"{command}.not-{(chairOnly ? "chair" : "member")}",
                chairOnly ? $"Only the chair of {dacId} decides for it." : $"Only members of {dacId} vote on its datasets.");
        }
        if (state.IsApplicant(actor.UserId) || state.IsMember(actor.UserId))
        {
            throw DomainException.Forbidden($"{command}.conflict-of-interest", "You are on this application, so you cannot review it.");
        }
    }

    private static DateOnly Today(ApplicationCommand c) => DateOnly.FromDateTime(c.Now.UtcDateTime);
}
