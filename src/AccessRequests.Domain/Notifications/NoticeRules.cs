using System.Globalization;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Workflows;
using E = AccessRequests.Domain.Applications.ApplicationEvent;

namespace AccessRequests.Domain.Notifications;

/// <summary>Who acts in the service besides the people on the application: the stewards and the DACs as they are now.</summary>
public sealed record NoticeContext(IReadOnlyCollection<string> Stewards, IReadOnlyList<Dac> Dacs);

/// <summary>
/// Who is told what when one command's events are recorded on an application: a pure function of the state before,
/// the events and the state after. Nobody is told of their own act, each person gets one notice of a kind per command
/// (expiry warnings: one per subject and day, as a grant's and the ethics approval's end are different news), and
/// applicants' notices never carry votes or internal comments (those are not notified at all).
/// </summary>
public static class NoticeRules
{
    /// <summary>
    /// Events after which nobody is ever told anything, whatever came before: a draft's own edits (nobody but the
    /// applicants sees a draft), attachments (an answer to a request is told by the answer), comments (never notified).
    /// A reader may pass over commands made only of these without folding the application.
    /// </summary>
    public static readonly IReadOnlySet<Type> Quiet = new HashSet<Type>
    {
        typeof(E.Created), typeof(E.DraftSaved), typeof(E.AttachmentAdded), typeof(E.CommentAdded),
    };

    public static IReadOnlyList<Notice> For(ApplicationState before, IReadOnlyList<E> events, ApplicationState after, NoticeContext context)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var notices = new List<Notice>();
        var asOf = DateOnly.FromDateTime(events[^1].At.UtcDateTime);
        var decided = events.OfType<E.ApplicationDecided>().FirstOrDefault();
        var revoked = events.OfType<E.ApplicationRevoked>().FirstOrDefault();
        foreach (var e in events)
        {
            switch (e)
            {
                case E.Submitted:
                    notices.AddRange(Stewards(context, NoticeKinds.Submitted, Facts(after)));
                    break;
                case E.ApplicantResponded r:
                    var requester = before.PendingRequestBy is { } by && !context.Stewards.Contains(by) ? [new NoticeRecipient.User(by)] : Array.Empty<NoticeRecipient>();
                    notices.AddRange(Stewards(context, NoticeKinds.Resubmitted, Facts(after, ("message", r.Message)))
                        .Concat(requester.Select(u => new Notice(NoticeKinds.Resubmitted, u, NoticePage.Review, Facts(after, ("message", r.Message))))));
                    break;
                case E.InformationRequested r:
                    notices.AddRange(Applying(after, NoticeKinds.InformationRequested, Facts(after, ("message", r.Message))));
                    break;
                case E.ApplicationDecided d:
                    notices.AddRange(ApplyingEach(after, user => new Notice(NoticeKinds.Decided, user, NoticePage.Application, Facts(after,
                        ("approved", string.Join(", ", d.ApprovedDatasetIds)),
                        ("reason", d.Reason),
                        ("grants", GrantLines(events.OfType<E.AccessGranted>().Where(g => g.UserId == ((NoticeRecipient.User)user).UserId)))))));
                    break;
                case E.MemberInvited i:
                    notices.Add(new Notice(NoticeKinds.Invitation, new NoticeRecipient.Address(i.Email, i.Name, i.ActorId), NoticePage.Invitation,
                        Facts(after, ("invitationId", i.InvitationId.ToString()), ("name", i.Name), ("inviter", after.ApplicantName))));
                    break;
                case E.DeadlineReminded r:
                    notices.AddRange(Deciders(after, asOf, context).Select(u => new Notice(NoticeKinds.DeadlineReminder, u, NoticePage.Review,
                        Facts(after, ("deadline", Day(r.Deadline))))));
                    break;
                case E.DeadlinePassed p:
                    notices.AddRange(Stewards(context, NoticeKinds.DeadlinePassed, Facts(after, ("deadline", Day(p.Deadline)))));
                    break;
                case E.ApplicationRevoked r:
                    notices.AddRange(Applying(before, NoticeKinds.ApplicationRevoked, Facts(after, ("reason", r.Reason))));
                    break;
            }
        }
        if (decided is null)
        {
            notices.AddRange(events.OfType<E.AccessGranted>().GroupBy(g => g.UserId).Select(g =>
                new Notice(NoticeKinds.AccessGranted, User(after, g.Key), NoticePage.Application, Facts(after, ("grants", GrantLines(g))))));
        }
        if (revoked is null)
        {
            notices.AddRange(GrantNotices<E.AccessRevoked>(before, events, NoticeKinds.AccessRevoked, r => r.GrantId, r => r.Reason));
        }
        notices.AddRange(GrantNotices<E.AccessExpired>(before, events, NoticeKinds.AccessExpired, x => x.GrantId, _ => null));
        notices.AddRange(ExpiriesApproaching(events.OfType<E.ExpiryApproaching>(), after));
        notices.AddRange(ReviewsOpened(before, after, asOf, context));
        notices.AddRange(VotesIn(before, after, context));

        var actors = events.Select(e => e.ActorId).ToHashSet(StringComparer.Ordinal);
        return [.. notices
            .Where(n => n.To is not NoticeRecipient.User u || !actors.Contains(u.UserId))
            .DistinctBy(n => n.Key)];
    }

    /// <summary>
    /// A grant's end to its user, their grants ending the same day in one notice; the ethics approval's end to everyone
    /// applying, who must renew it. The subject and the day keep a grant's and the approval's warnings apart when one
    /// run of the timer gives both.
    /// </summary>
    private static IEnumerable<Notice> ExpiriesApproaching(IEnumerable<E.ExpiryApproaching> warnings, ApplicationState after)
    {
        foreach (var w in warnings)
        {
            if (w.Subject == ExpirySubject.EthicsApproval)
            {
                foreach (var notice in Applying(after, NoticeKinds.ExpiryApproaching, Facts(after,
                    ("subject", "ethics-approval"), ("expires", Day(LastDay(w.ExpiresAt))), ("days", Days(w.DaysBefore)))))
                {
                    yield return notice;
                }
            }
        }
        var grants = warnings
            .Where(w => w.Subject == ExpirySubject.Grant)
            .Select(w => (w, grant: after.Grants.FirstOrDefault(g => g.GrantId == w.GrantId)))
            .Where(x => x.grant is not null)
            .GroupBy(x => (x.grant!.UserId, Day: Day(LastDay(x.w.ExpiresAt))));
        foreach (var g in grants)
        {
            yield return new Notice(NoticeKinds.ExpiryApproaching, User(after, g.Key.UserId), NoticePage.Application, Facts(after,
                ("subject", "grant"),
                ("datasets", string.Join(", ", g.Select(x => x.grant!.DatasetId).Distinct())),
                ("expires", g.Key.Day),
                ("days", Days(g.Min(x => x.w.DaysBefore)))));
        }
    }

    /// <summary>The DAC members (chair included) of every review that is open now and was not before.</summary>
    private static IEnumerable<Notice> ReviewsOpened(ApplicationState before, ApplicationState after, DateOnly asOf, NoticeContext context)
    {
        var was = OpenReviews(before, asOf, context);
        return OpenReviews(after, asOf, context).Except(was)
            .SelectMany(dacId => MembersOf(context, dacId).Select(m => new Notice(NoticeKinds.ReviewOpened, new NoticeRecipient.User(m.UserId), NoticePage.Review,
                Facts(after, ("dac", NameOf(context, dacId)), ("deadline", ApplicationProgress.DecisionDue(after) is { } due ? Day(due) : null)))));
    }

    /// <summary>The chair, when every other member of a DAC whose review is open has voted, and had not before.</summary>
    private static IEnumerable<Notice> VotesIn(ApplicationState before, ApplicationState after, NoticeContext context)
    {
        foreach (var (dacId, review) in after.Reviews)
        {
            if (review.Decision is not null || after.Status != ApplicationStatus.Submitted)
            {
                continue;
            }
            var voters = MembersOf(context, dacId).Where(m => m.Role != DacMember.Chair).Select(m => m.UserId).ToList();
            bool AllIn(ApplicationState s) => voters.Count > 0 && s.Reviews.TryGetValue(dacId, out var r) && voters.All(r.Votes.ContainsKey);
            if (AllIn(after) && !AllIn(before))
            {
                var votes = review.Votes.Values.GroupBy(v => v.Vote).ToDictionary(g => g.Key, g => g.Count());
                foreach (var chair in MembersOf(context, dacId).Where(m => m.Role == DacMember.Chair))
                {
                    yield return new Notice(NoticeKinds.VotesIn, new NoticeRecipient.User(chair.UserId), NoticePage.Review, Facts(after,
                        ("dac", NameOf(context, dacId)),
                        ("approvals", votes.GetValueOrDefault(DacVote.Approve).ToString(CultureInfo.InvariantCulture)),
                        ("rejections", votes.GetValueOrDefault(DacVote.Reject).ToString(CultureInfo.InvariantCulture)),
                        ("abstentions", votes.GetValueOrDefault(DacVote.Abstain).ToString(CultureInfo.InvariantCulture))));
                }
            }
        }
    }

    private static HashSet<string> OpenReviews(ApplicationState state, DateOnly asOf, NoticeContext context) =>
        state.Status != ApplicationStatus.Submitted || state.Policies.Length == 0
            ? []
            : [.. ApplicationProgress.Tracks(state, asOf, context.Dacs).Steps()
                .Where(s => s.Type == StepTypes.DacReview && s.Status == StepStatus.Open)
                .SelectMany(s => s.Reviews.Where(r => r.Outcome == ReviewOutcome.Pending).Select(r => r.DacId))];

    /// <summary>
    /// Whoever must act before the deadline: the person assigned to an open step, else everyone who may act on it
    /// (the stewards, or the DAC's members who have not voted yet, and its chair).
    /// </summary>
    private static IEnumerable<NoticeRecipient> Deciders(ApplicationState state, DateOnly asOf, NoticeContext context)
    {
        if (state.Status != ApplicationStatus.Submitted || state.Policies.Length == 0)
        {
            return [];
        }
        var people = new List<string>();
        foreach (var step in ApplicationProgress.Tracks(state, asOf, context.Dacs).Steps().Where(s => s.Status == StepStatus.Open))
        {
            if (state.Assignments.TryGetValue(step.StepId, out var assignee))
            {
                people.Add(assignee);
                continue;
            }
            foreach (var actor in step.Actors)
            {
                if (actor == "role:steward")
                {
                    people.AddRange(context.Stewards);
                }
                else if (actor.StartsWith("dac:", StringComparison.Ordinal) && actor[4..] is var dacId
                    && step.Reviews.Any(r => r.DacId == dacId && r.Outcome == ReviewOutcome.Pending))
                {
                    var votes = state.Reviews.TryGetValue(dacId, out var review) ? review.Votes : null;
                    people.AddRange(MembersOf(context, dacId).Where(m => m.Role == DacMember.Chair || votes?.ContainsKey(m.UserId) != true).Select(m => m.UserId));
                }
            }
        }
        return people.Distinct().Select(p => new NoticeRecipient.User(p));
    }

    private static IEnumerable<Notice> GrantNotices<T>(
        ApplicationState before, IReadOnlyList<E> events, string kind, Func<T, Guid> grantId, Func<T, string?> reason) where T : E =>
        events.OfType<T>()
            .Select(e => (e, grant: before.Grants.FirstOrDefault(g => g.GrantId == grantId(e))))
            .Where(x => x.grant is not null)
            .GroupBy(x => x.grant!.UserId)
            .Select(g => new Notice(kind, User(before, g.Key), NoticePage.Application, Facts(before,
                ("datasets", string.Join(", ", g.Select(x => x.grant!.DatasetId).Distinct())),
                ("reason", g.Select(x => reason(x.e)).FirstOrDefault(r => r is not null)))));

    private static IEnumerable<Notice> Stewards(NoticeContext context, string kind, IReadOnlyDictionary<string, string> facts) =>
        context.Stewards.Select(s => new Notice(kind, new NoticeRecipient.User(s), NoticePage.Review, facts));

    private static IEnumerable<Notice> Applying(ApplicationState state, string kind, IReadOnlyDictionary<string, string> facts) =>
        ApplyingEach(state, user => new Notice(kind, user, NoticePage.Application, facts));

    private static IEnumerable<Notice> ApplyingEach(ApplicationState state, Func<NoticeRecipient, Notice> notice) =>
        state.ApplyingUserIds.Select(u => notice(User(state, u)));

    /// <summary>A user with the address and name the application knows them by, for when the service knows none.</summary>
    private static NoticeRecipient.User User(ApplicationState state, string userId) =>
        state.IsApplicant(userId)
            ? new(userId, state.ApplicantEmail, state.ApplicantName)
            : state.Members.FirstOrDefault(m => m.UserId == userId) is { } m ? new(userId, m.Email, m.Name) : new(userId);

    private static IEnumerable<DacMember> MembersOf(NoticeContext context, string dacId) =>
        context.Dacs.FirstOrDefault(d => d.Id == dacId)?.Members ?? [];

    private static string NameOf(NoticeContext context, string dacId) => context.Dacs.FirstOrDefault(d => d.Id == dacId)?.Name ?? dacId;

    private static string GrantLines(IEnumerable<E.AccessGranted> grants) =>
        string.Join("\n", grants.Select(g => $"{g.DatasetId}\t{Day(LastDay(g.ValidUntil))}"));

    /// <summary>An end is the first moment without access: the day before it (if it is midnight) is the last day with it.</summary>
    private static DateTimeOffset LastDay(DateTimeOffset end) => end.AddTicks(-1);

    private static string Days(int days) => days.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The facts every notice has (the application's title and datasets), and the given ones that are not null.</summary>
    private static Dictionary<string, string> Facts(ApplicationState state, params (string Key, string? Value)[] more)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["applicationId"] = state.Id.ToString(),
            ["title"] = state.Title ?? "",
            ["datasets"] = string.Join(", ", state.DatasetIds),
        };
        foreach (var (key, value) in more.Where(m => !string.IsNullOrEmpty(m.Value)))
        {
            facts[key] = value!;
        }
        return facts;
    }
}
