using System.Collections.Immutable;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Applications;

public static class ApplicationEvolver
{
    public static ApplicationState Evolve(ApplicationState state, ApplicationEvent @event)
    {
        var next = @event switch
        {
            ApplicationEvent.Created e => state with
            {
                Id = e.ApplicationId,
                Status = ApplicationStatus.Draft,
                ApplicantId = e.ActorId,
                ApplicantName = e.ApplicantName,
                ApplicantEmail = e.ApplicantEmail,
                DatasetIds = [.. e.DatasetIds],
                CreatedAt = e.At,
                CopiedFrom = e.CopiedFrom,
            },
            ApplicationEvent.DraftSaved e => state with
            {
                Title = e.Title,
                Answers = e.Answers.ToImmutableDictionary(),
                Purpose = e.Purpose,
            },
            ApplicationEvent.MemberInvited e => state with
            {
                Invitations = state.Invitations.Add(new Invitation(e.InvitationId, e.Email, e.Name, e.TokenHash, e.At)),
            },
            ApplicationEvent.MemberJoined e => state with
            {
                Invitations = state.Invitations.RemoveAll(i => i.InvitationId == e.InvitationId),
                Members = state.Members.Add(new Member(e.ActorId, e.Name, e.Email, e.At)),
            },
            ApplicationEvent.MemberRemoved e => state with
            {
                Members = state.Members.RemoveAll(m => m.UserId == e.UserId),
                AcceptedTerms = state.AcceptedTerms.Remove(e.UserId),
            },
            ApplicationEvent.TermsAccepted e => state with
            {
                AcceptedTerms = state.AcceptedTerms.SetItem(e.ActorId, [.. e.Terms]),
            },
            ApplicationEvent.AttachmentAdded e => state with
            {
                Attachments = state.Attachments.Add(new Attachment(e.AttachmentId, e.FileName, e.ContentType, e.Size, e.ActorId, e.At)),
            },
            ApplicationEvent.Submitted e => state with
            {
                PinnedTerms = [.. e.Terms],
                Status = ApplicationStatus.Submitted,
                SubmittedAt = e.At,
                FirstSubmittedAt = state.FirstSubmittedAt ?? e.At,
                ClockStartedAt = state.ClockStartedAt ?? e.At,
                Policies = [.. e.Policies ?? []],
                Workflows = (e.Workflows ?? []).ToImmutableDictionary(w => ApplicationState.WorkflowKey(w.Id, w.Version), Pinned),
                Reviews = (e.Policies ?? []).Select(p => p.DacId).Distinct().ToImmutableDictionary(d => d, DacReview.Empty),
            },
            ApplicationEvent.EthicsApprovalAdded e => state with
            {
                Ethics = new EthicsApproval(e.Committee, e.CaseNumber, e.ValidFrom, e.ValidUntil, e.LetterAttachmentId, CheckStatus.Pending, null),
            },
            ApplicationEvent.AffiliationDeclared e => state with
            {
                Affiliation = new Affiliation(e.Institution, e.Position, e.SupervisorEmail, null, CheckStatus.Pending, null),
            },
            ApplicationEvent.AffiliationConfirmedAutomatically e => state with
            {
                Affiliation = (state.Affiliation ?? new Affiliation(e.Institution, null, null, null, CheckStatus.Pending, null)) with { Evidence = e.Evidence },
            },
            ApplicationEvent.PurposeMatched e => state with { PurposeResults = [.. e.Results], PurposeCheck = null, PurposeReason = null },
            ApplicationEvent.CheckVerified e => Check(state, e.Check, CheckStatus.Verified, e.Comment),
            ApplicationEvent.CheckRejected e => Check(state, e.Check, CheckStatus.Rejected, e.Reason),
            ApplicationEvent.InformationRequested e => state with
            {
                Status = ApplicationStatus.Returned,
                PendingRequest = e.Message,
                PendingRequestStepId = e.StepId,
                PendingRequestBy = e.ActorId,
                ReturnedAt = e.At,
            },
            ApplicationEvent.ApplicantResponded e => state with
            {
                Status = ApplicationStatus.Submitted,
                PendingRequest = null,
                PendingRequestStepId = null,
                PendingRequestBy = null,
                ReturnedAt = null,
                Paused = state.Paused + (e.At - (state.ReturnedAt ?? e.At)),

                // A passed completion deadline is over once the applicant answers; the decision deadline is watched anew.
                Overdue = false,
            },
            ApplicationEvent.StepAssigned e => state with { Assignments = state.Assignments.SetItem(e.StepId, e.Assignee) },
            ApplicationEvent.VoteCast e => state with
            {
                Reviews = state.Reviews.SetItem(e.DacId, ReviewOf(state, e.DacId) with
                {
                    Votes = ReviewOf(state, e.DacId).Votes.SetItem(e.ActorId, new CastVote(e.ActorId, e.Vote, e.Comment, e.At)),
                }),
            },
            ApplicationEvent.DacDecided e => state with
            {
                Reviews = state.Reviews.SetItem(e.DacId, ReviewOf(state, e.DacId) with
                {
                    Decision = new RecordedDecision(e.ActorId, e.Decision, e.DatasetIds, e.ValidUntil, e.Conditions, e.Reason, e.At),
                }),
            },
            ApplicationEvent.ApplicationDecided e => state with
            {
                Status = e.ApprovedDatasetIds.Count > 0 ? ApplicationStatus.Approved : ApplicationStatus.Rejected,
                ApprovedDatasetIds = [.. e.ApprovedDatasetIds],
                DecidedAt = e.At,
            },
            ApplicationEvent.DeadlinePassed => state with { Overdue = true },
            ApplicationEvent.AccessGranted e => state with
            {
                Grants = state.Grants.RemoveAll(g => g.GrantId == e.GrantId).Add(new Grant(
                    e.GrantId, e.UserId, e.DatasetId, e.Location, e.DacId, e.ValidFrom, e.ValidUntil, e.Conditions, GrantStatus.Active, null, false)),
            },
            ApplicationEvent.AccessRevoked e => state with
            {
                Grants = state.Grants.Select(g => g.GrantId == e.GrantId ? g with { Status = GrantStatus.Revoked, EndReason = e.Reason, EndedByMembership = e.Membership } : g).ToImmutableList(),
            },
            ApplicationEvent.AccessExpired e => state with
            {
                Grants = state.Grants.Select(g => g.GrantId == e.GrantId ? g with { Status = GrantStatus.Expired } : g).ToImmutableList(),
            },
            ApplicationEvent.ApplicationRevoked => state with { Status = ApplicationStatus.Revoked },
            ApplicationEvent.RenewalRequested e => state with
            {
                Status = ApplicationStatus.Submitted,
                RenewalUntil = e.Until,
                ClockStartedAt = e.At,
                Paused = TimeSpan.Zero,
                Overdue = false,
                DecidedAt = null,
                Reviews = state.Reviews.ToImmutableDictionary(p => p.Key, p => DacReview.Empty(p.Key)),
            },
            ApplicationEvent.DeadlineReminded e => state with { RemindedFor = e.Deadline },
            ApplicationEvent.ExpiryApproaching e => state with
            {
                WarnedExpiries = state.WarnedExpiries.Add(new ExpiryWarning(e.Subject, e.GrantId, e.ExpiresAt, e.DaysBefore)),
            },
            ApplicationEvent.Withdrawn => state with { Status = ApplicationStatus.Withdrawn },
            ApplicationEvent.Closed => state with { Status = ApplicationStatus.Closed },
            ApplicationEvent.CopiedAsNew e => state with { CopiedTo = state.CopiedTo.Add(e.NewApplicationId) },
            ApplicationEvent.CommentAdded e => state with
            {
                Comments = state.Comments.Add(new Comment(e.CommentId, e.ActorId, e.Text, e.Visibility, e.At)),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "Unknown application event."),
        };
        var reviewed = @event is ApplicationEvent.CheckVerified or ApplicationEvent.CheckRejected or ApplicationEvent.InformationRequested
            or ApplicationEvent.StepAssigned or ApplicationEvent.VoteCast or ApplicationEvent.DacDecided;
        return next with { UpdatedAt = @event.At, Handlers = reviewed ? next.Handlers.Add(@event.ActorId) : next.Handlers };
    }

    private static ApplicationState Check(ApplicationState state, CheckKind check, CheckStatus status, string? note) => check switch
    {
        CheckKind.Ethics => state with { Ethics = state.Ethics! with { Status = status, Reason = note } },
        CheckKind.Affiliation => state with { Affiliation = state.Affiliation! with { Status = status, Reason = note } },
        _ => state with { PurposeCheck = status, PurposeReason = note },
    };

    private static DacReview ReviewOf(ApplicationState state, string dacId) =>
        state.Reviews.GetValueOrDefault(dacId) ?? DacReview.Empty(dacId);

    /// <summary>A pinned workflow was valid when it was pinned; the parser is the same, so it is valid now.</summary>
    private static WorkflowDefinition Pinned(PinnedWorkflow pinned) =>
        WorkflowParser.Parse($"{pinned.Id}.v{pinned.Version}.json", pinned.Json) switch
        {
            WorkflowParseResult.Valid v => v.Definition,
            WorkflowParseResult.Invalid i => throw new InvalidOperationException(
                $"The workflow {pinned.Id} v{pinned.Version} pinned on the application no longer parses: {string.Join("; ", i.Problems)}"),
            _ => throw new InvalidOperationException("Unknown parse result."),
        };

    public static ApplicationState Fold(IEnumerable<ApplicationEvent> events) =>
        events.Aggregate(ApplicationState.Initial, Evolve);
}
