using static AccessRequests.Domain.Applications.ApplicationStatus;

namespace AccessRequests.Domain.Applications;

/// <summary>
/// Decides what a command means for an application: the events to record, nothing when it would change nothing,
/// or a <see cref="DomainException"/> naming the rule it breaks.
/// </summary>
public static class ApplicationDecider
{
    public static IReadOnlyList<ApplicationEvent> Decide(ApplicationCommand command, ApplicationState state)
    {
        if (command is not ApplicationCommand.Create && state.Status == None)
        {
            throw DomainException.Conflict("application.not-found", "There is no such application.");
        }

        return command switch
        {
            ApplicationCommand.Create c => Create(c, state),
            ApplicationCommand.SaveDraft c => SaveDraft(c, state),
            ApplicationCommand.InviteMember c => InviteMember(c, state),
            ApplicationCommand.AcceptInvitation c => AcceptInvitation(c, state),
            ApplicationCommand.RemoveMember c => RemoveMember(c, state),
            ApplicationCommand.AcceptTerms c => AcceptTerms(c, state),
            ApplicationCommand.AddAttachment c => AddAttachment(c, state),
            ApplicationCommand.Submit c => Submit(c, state),
            ApplicationCommand.Withdraw c => Withdraw(c, state),
            ApplicationCommand.Close c => Close(c, state),
            ApplicationCommand.CopyAsNew c => CopyAsNew(c, state),
            ApplicationCommand.AddComment c => AddComment(c, state),
            ApplicationCommand.AddEthicsApproval c => AddEthicsApproval(c, state),
            ApplicationCommand.DeclareAffiliation c => DeclareAffiliation(c, state),
            ApplicationCommand.VerifyCheck c => ReviewDecider.VerifyCheck(c, state),
            ApplicationCommand.RejectCheck c => ReviewDecider.RejectCheck(c, state),
            ApplicationCommand.RequestInformation c => ReviewDecider.RequestInformation(c, state),
            ApplicationCommand.Respond c => Respond(c, state),
            ApplicationCommand.Assign c => ReviewDecider.Assign(c, state),
            ApplicationCommand.RecordVote c => ReviewDecider.Vote(c, state),
            ApplicationCommand.Decide c => ReviewDecider.Decide(c, state),
            ApplicationCommand.CheckDeadline c => [
                .. ReviewDecider.CheckDeadline(c, state), .. GrantDecider.Expire(c.Now, state), .. ExpiryWarnings.Due(state, c.Now),
            ],
            ApplicationCommand.Revoke c => GrantDecider.Revoke(c, state),
            ApplicationCommand.Renew c => GrantDecider.Renew(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown application command."),
        };
    }

    /// <summary>The first events of a copy made by copy-as-new: the same datasets and draft, in a new application.</summary>
    public static IReadOnlyList<ApplicationEvent> StartCopy(ApplicationState source, Guid newApplicationId, Actor actor, DateTimeOffset now)
    {
        List<ApplicationEvent> events =
        [
            new ApplicationEvent.Created(actor.UserId, now, newApplicationId, actor.Name, actor.Email, source.DatasetIds, source.Id),
        ];
        if (source.Title is not null || source.Answers.Count > 0 || source.Purpose is not null)
        {
            events.Add(new ApplicationEvent.DraftSaved(actor.UserId, now, source.Title, source.Answers, source.Purpose));
        }
        return events;
    }

    private static IReadOnlyList<ApplicationEvent> Create(ApplicationCommand.Create c, ApplicationState state)
    {
        if (state.Status != None)
        {
            throw DomainException.Conflict("application.exists", "The application exists already.");
        }
        if (c.DatasetIds.Count == 0)
        {
            throw DomainException.Conflict("application.datasets-required", "An application is for at least one dataset.");
        }
        return [new ApplicationEvent.Created(c.Actor.UserId, c.Now, c.ApplicationId, c.Actor.Name, c.Actor.Email, [.. c.DatasetIds.Distinct()], null)];
    }

    private static IReadOnlyList<ApplicationEvent> SaveDraft(ApplicationCommand.SaveDraft c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "save-draft");
        RequireStatus(state, "save-draft", Draft, Returned);
        var unchanged = state.Title == c.Title
            && SameAnswers(state.Answers, c.Answers)
            && SamePurpose(state.Purpose, c.Purpose);
        return unchanged ? [] : [new ApplicationEvent.DraftSaved(c.Actor.UserId, c.Now, c.Title, c.Answers, c.Purpose)];
    }

    private static IReadOnlyList<ApplicationEvent> InviteMember(ApplicationCommand.InviteMember c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "invite-member");
        RequireStatus(state, "invite-member", Draft, Submitted, Returned, Approved);
        if (SameEmail(state.ApplicantEmail, c.Email) || state.Members.Any(m => SameEmail(m.Email, c.Email)))
        {
            throw DomainException.Conflict("invite-member.already-member", $"{c.Email} is on the application already.");
        }
        if (state.Invitations.Any(i => SameEmail(i.Email, c.Email)))
        {
            throw DomainException.Conflict("invite-member.already-invited", $"{c.Email} has been invited already.");
        }
        return [new ApplicationEvent.MemberInvited(c.Actor.UserId, c.Now, c.InvitationId, c.Email, c.Name, c.TokenHash)];
    }

    private static IReadOnlyList<ApplicationEvent> AcceptInvitation(ApplicationCommand.AcceptInvitation c, ApplicationState state)
    {
        RequireStatus(state, "accept-invitation", Draft, Submitted, Returned, Approved);
        if (state.IsApplicant(c.Actor.UserId))
        {
            throw DomainException.Conflict("accept-invitation.applicant", "The applicant is on the application already.");
        }
        if (state.IsMember(c.Actor.UserId))
        {
            return [];
        }
        var invitation = state.Invitations.FirstOrDefault(i => i.TokenHash == c.TokenHash)
            ?? throw DomainException.Forbidden("accept-invitation.invalid-token", "The invitation is not valid for this application, or was used already.");
        return [new ApplicationEvent.MemberJoined(c.Actor.UserId, c.Now, invitation.InvitationId, c.Actor.Name, c.Actor.Email)];
    }

    private static IReadOnlyList<ApplicationEvent> RemoveMember(ApplicationCommand.RemoveMember c, ApplicationState state)
    {
        var leavingThemself = c.Actor.UserId == c.UserId && state.IsMember(c.UserId);
        if (!state.IsApplicant(c.Actor.UserId) && !c.Actor.IsSteward && !leavingThemself)
        {
            throw DomainException.Forbidden("remove-member.not-allowed", "Only the applicant or a data steward may remove a member.");
        }
        RequireStatus(state, "remove-member", Draft, Submitted, Returned, Approved);
        if (state.IsApplicant(c.UserId))
        {
            throw DomainException.Conflict("remove-member.applicant", "The applicant cannot be removed.");
        }
        return state.IsMember(c.UserId) ? ReviewDecider.ConcludeAfter(c, state, [new ApplicationEvent.MemberRemoved(c.Actor.UserId, c.Now, c.UserId)]) : [];
    }

    private static IReadOnlyList<ApplicationEvent> AcceptTerms(ApplicationCommand.AcceptTerms c, ApplicationState state)
    {
        RequireApplying(c.Actor, state, "accept-terms");
        RequireStatus(state, "accept-terms", Draft, Submitted, Returned, Approved);
        return state.HasAccepted(c.Actor.UserId, c.CurrentTerms)
            ? []
            : ReviewDecider.ConcludeAfter(c, state, [new ApplicationEvent.TermsAccepted(c.Actor.UserId, c.Now, c.CurrentTerms)]);
    }

    private static IReadOnlyList<ApplicationEvent> AddAttachment(ApplicationCommand.AddAttachment c, ApplicationState state)
    {
        RequireApplying(c.Actor, state, "add-attachment");
        RequireStatus(state, "add-attachment", Draft, Returned);
        if (state.Attachments.Any(a => a.AttachmentId == c.AttachmentId))
        {
            return [];
        }
        return [new ApplicationEvent.AttachmentAdded(c.Actor.UserId, c.Now, c.AttachmentId, c.FileName, c.ContentType, c.Size)];
    }

    private static IReadOnlyList<ApplicationEvent> Submit(ApplicationCommand.Submit c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "submit");
        RequireStatus(state, "submit", Draft);
        var missing = c.RequiredFieldIds.Where(f => !state.Answers.TryGetValue(f, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        if (missing.Count > 0)
        {
            throw DomainException.Conflict("submit.required-fields-missing", "Required fields are not filled in: " + string.Join(", ", missing) + ".", missing);
        }
        var notAccepted = state.ApplyingUserIds.Where(u => !state.HasAccepted(u, c.CurrentTerms)).ToList();
        if (notAccepted.Count > 0)
        {
            throw DomainException.Conflict("submit.terms-not-accepted", "Everyone on the application must accept the current terms of use first: " + string.Join(", ", notAccepted) + ".", notAccepted);
        }
        if (c.Policies is null)
        {
            return [new ApplicationEvent.Submitted(c.Actor.UserId, c.Now, c.CurrentTerms)];
        }
        ReviewDecider.RequireSubmittable(c, state);
        var submitted = new ApplicationEvent.Submitted(c.Actor.UserId, c.Now, c.CurrentTerms, c.Policies, c.Workflows, c.Evidence);
        return [submitted, .. ReviewDecider.AfterSubmit(c, ApplicationEvolver.Evolve(state, submitted))];
    }

    private static IReadOnlyList<ApplicationEvent> Withdraw(ApplicationCommand.Withdraw c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "withdraw");
        if (state.Status == Withdrawn)
        {
            return [];
        }
        RequireStatus(state, "withdraw", Submitted, Returned);
        return [new ApplicationEvent.Withdrawn(c.Actor.UserId, c.Now, c.Reason)];
    }

    private static IReadOnlyList<ApplicationEvent> Close(ApplicationCommand.Close c, ApplicationState state)
    {
        var isApplicant = state.IsApplicant(c.Actor.UserId);
        if (!isApplicant && !c.Actor.IsSteward)
        {
            throw DomainException.Forbidden("close.not-allowed", "Only the applicant or a data steward may close an application.");
        }
        if (state.Status == Closed)
        {
            return [];
        }
        if (!c.Actor.IsSteward)
        {
            // An applicant may discard a draft or put away a finished application, not end a review in progress.
            RequireStatus(state, "close", Draft, Withdrawn, Rejected);
        }
        // Closing ends any access the application gave.
        return ReviewDecider.ConcludeAfter(c, state, [new ApplicationEvent.Closed(c.Actor.UserId, c.Now, c.Reason)]);
    }

    private static IReadOnlyList<ApplicationEvent> CopyAsNew(ApplicationCommand.CopyAsNew c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "copy-as-new");
        return [new ApplicationEvent.CopiedAsNew(c.Actor.UserId, c.Now, c.NewApplicationId)];
    }

    private static IReadOnlyList<ApplicationEvent> AddComment(ApplicationCommand.AddComment c, ApplicationState state)
    {
        // The reviewing DACs' members comment as the stewards do ("internal to the committee", DESIGN.md §3).
        var staff = c.Actor.IsSteward || state.Reviews.Keys.Any(c.Actor.SitsOn);
        if (!staff && !state.IsApplicant(c.Actor.UserId) && !state.IsMember(c.Actor.UserId))
        {
            throw DomainException.Forbidden("comment.not-participant", "Only people taking part in the application may comment on it.");
        }
        if (!staff && c.Visibility == CommentVisibility.Internal)
        {
            throw DomainException.Forbidden("comment.internal-staff-only", "Applicants can only write public comments.");
        }
        if (!staff)
        {
            // A finished application is the committee's record: applicants no longer write on it (see IsFinal).
            RequireStatus(state, "comment", Draft, Submitted, Returned, Approved);
        }
        if (string.IsNullOrWhiteSpace(c.Text))
        {
            throw DomainException.Conflict("comment.empty", "A comment needs text.");
        }
        return [new ApplicationEvent.CommentAdded(c.Actor.UserId, c.Now, c.CommentId, c.Text, c.Visibility)];
    }

    private static IReadOnlyList<ApplicationEvent> AddEthicsApproval(ApplicationCommand.AddEthicsApproval c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "add-ethics-approval");
        RequireStatus(state, "add-ethics-approval", Draft, Returned);
        if (c.ValidUntil <= c.ValidFrom)
        {
            throw DomainException.Conflict("add-ethics-approval.validity", "The approval must end after it starts.");
        }
        if (c.LetterAttachmentId is { } letter && state.Attachments.All(a => a.AttachmentId != letter))
        {
            throw DomainException.Conflict("add-ethics-approval.unknown-letter", "The approval letter must be an attachment of this application.");
        }
        var same = state.Ethics is { } e && e.Committee == c.Committee && e.CaseNumber == c.CaseNumber && e.ValidFrom == c.ValidFrom
            && e.ValidUntil == c.ValidUntil && e.LetterAttachmentId == c.LetterAttachmentId;
        return same ? [] : [new ApplicationEvent.EthicsApprovalAdded(c.Actor.UserId, c.Now, c.Committee, c.CaseNumber, c.ValidFrom, c.ValidUntil, c.LetterAttachmentId)];
    }

    private static IReadOnlyList<ApplicationEvent> DeclareAffiliation(ApplicationCommand.DeclareAffiliation c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "declare-affiliation");
        RequireStatus(state, "declare-affiliation", Draft, Returned);
        var same = state.Affiliation is { Evidence: null } a && a.Institution == c.Institution && a.Position == c.Position && a.SupervisorEmail == c.SupervisorEmail;
        return same ? [] : [new ApplicationEvent.AffiliationDeclared(c.Actor.UserId, c.Now, c.Institution, c.Position, c.SupervisorEmail)];
    }

    private static IReadOnlyList<ApplicationEvent> Respond(ApplicationCommand.Respond c, ApplicationState state)
    {
        RequireApplicant(c.Actor, state, "respond");
        RequireStatus(state, "respond", Returned);
        List<ApplicationEvent> events = [new ApplicationEvent.ApplicantResponded(c.Actor.UserId, c.Now, c.Message)];
        // A check the applicant was asked to fix is looked at again; if what they changed fails a step, that decides the application.
        var next = events.Aggregate(state, ApplicationEvolver.Evolve);
        return ReviewDecider.ConcludeAfter(c, state, [.. events, .. ReviewDecider.Reopen(c, next)]);
    }

    internal static void RequireApplicant(Actor actor, ApplicationState state, string command)
    {
        if (!state.IsApplicant(actor.UserId))
        {
            throw DomainException.Forbidden($"{command}.applicant-only", $"Only the applicant may {command.Replace('-', ' ')}.");
        }
    }

    private static void RequireApplying(Actor actor, ApplicationState state, string command)
    {
        if (!state.IsApplicant(actor.UserId) && !state.IsMember(actor.UserId))
        {
            throw DomainException.Forbidden($"{command}.applicant-or-member-only", $"Only the applicant or a member may {command.Replace('-', ' ')}.");
        }
    }

    internal static void RequireStatus(ApplicationState state, string command, params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
        {
            throw DomainException.Conflict(
                $"{command}.not-when-{state.Status.ToWire()}",
                $"The application is {state.Status.ToWire()}: {command.Replace('-', ' ')} is only possible when it is {string.Join(" or ", allowed.Select(s => s.ToWire()))}.");
        }
    }

    private static bool SameEmail(string? a, string b) => string.Equals(a?.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SameAnswers(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    private static bool SamePurpose(ResearchPurpose? a, ResearchPurpose? b) =>
        (a, b) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => a.DuoCodes.SequenceEqual(b.DuoCodes) && a.Disease == b.Disease && a.Commercial == b.Commercial && a.Description == b.Description,
        };
}
