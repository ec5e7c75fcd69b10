using System.Text.Json;
using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Applications;

/// <summary>
/// The application as the API shows it; kept as the detail of the read model, written with every change.
/// Internal comments are in it and are removed for callers who may not see them.
/// </summary>
public sealed record ApplicationView(
    Guid Id,
    string Status,
    long Version,
    string? Title,
    PersonView Applicant,
    IReadOnlyList<string> DatasetIds,
    IReadOnlyDictionary<string, string> Answers,
    ResearchPurpose? ResearchPurpose,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<InvitationView> Invitations,
    IReadOnlyList<AcceptedTermsView> AcceptedTerms,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<CommentView> Comments,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    Guid? CopiedFrom,
    IReadOnlyList<Guid> CopiedTo,
    ReviewView Review)
{
    public static ApplicationView From(ApplicationState s, long version) => new(
        s.Id,
        s.Status.ToWire(),
        version,
        s.Title,
        new PersonView(s.ApplicantId, s.ApplicantName, s.ApplicantEmail),
        s.DatasetIds,
        s.Answers,
        s.Purpose,
        [.. s.Members.Select(m => new MemberView(m.UserId, m.Name, m.Email, m.JoinedAt))],
        [.. s.Invitations.Select(i => new InvitationView(i.InvitationId, i.Email, i.Name, i.InvitedAt))],
        [.. s.AcceptedTerms.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AcceptedTermsView(p.Key, p.Value))],
        [.. s.Attachments.Select(a => new AttachmentView(a.AttachmentId, a.FileName, a.ContentType, a.Size, a.AddedBy, a.AddedAt))],
        [.. s.Comments.Select(c => new CommentView(c.CommentId, c.AuthorId, c.Text, c.Visibility, c.At))],
        s.CreatedAt,
        s.UpdatedAt,
        s.SubmittedAt,
        s.CopiedFrom,
        s.CopiedTo,
        ReviewView.From(s));

    /// <summary>What <paramref name="actor"/> may see of it: votes, assignments and internal comments are for reviewers.</summary>
    public ApplicationView For(Actor actor) =>
        ApplicationAccess.IsReviewer(Review.DacIds, actor)
            ? this
            : this with
            {
                Comments = [.. Comments.Where(c => c.Visibility == CommentVisibility.Public)],
                Review = Review.ForApplicants(),
            };

    public static ApplicationRow ToRow(ApplicationState s, long version)
    {
        var view = From(s, version);
        return new ApplicationRow(s.Id, s.ApplicantId, view.Status, s.Title, version, s.CreatedAt, s.UpdatedAt, s.SubmittedAt,
            view.Review.Deadline, JsonSerializer.Serialize(view, ApplicationEventJson.Options), Inbox.Participants(s, view.Review));
    }

    /// <summary>
    /// Everything an application's new state writes besides its events: its row, and its deadline timer (moved to the
    /// next moment the deadline needs looking at, or cancelled when nothing is pending).
    /// </summary>
    public static IEnumerable<ReadModelWrite> Writes(ApplicationState s, long version)
    {
        yield return new ReadModelWrite.UpsertApplication(ToRow(s, version));
        if (s.Grants.Count > 0)
        {
            foreach (var g in s.Grants)
            {
                yield return new ReadModelWrite.UpsertGrant(new GrantRow(
                    g.GrantId, s.Id, g.UserId, g.DatasetId, g.Location, g.DacId, g.ValidFrom, g.ValidUntil,
                    g.Status.ToString().ToLowerInvariant(), s.UpdatedAt,
                    JsonSerializer.Serialize(new { conditions = g.Conditions, endReason = g.EndReason }, ApplicationEventJson.Options)));
            }
        }
        var timerId = DeadlineTimer.IdFor(s.Id);
        yield return ApplicationProgress.NextCheck(s) is { } due
            ? new ReadModelWrite.ScheduleTimer(new ScheduledTimer(timerId, ApplicationStreams.StreamId(s.Id), DeadlineTimer.Kind, due, "{}"))
            : new ReadModelWrite.CancelTimer(timerId);
    }

    public static ApplicationView FromRow(ApplicationRow row) =>
        JsonSerializer.Deserialize<ApplicationView>(row.Detail, ApplicationEventJson.Options)!;

    public bool CanBeReadBy(Actor actor) => ApplicationAccess.CanRead(Applicant.Id, Members.Select(m => m.UserId), Review.DacIds, actor);
}

public static class Relations
{
    public const string Applicant = "applicant";
    public const string Member = "member";
}

public sealed record PersonView(string Id, string Name, string? Email);

public sealed record MemberView(string UserId, string Name, string? Email, DateTimeOffset JoinedAt);

public sealed record InvitationView(Guid Id, string Email, string Name, DateTimeOffset InvitedAt);

public sealed record AcceptedTermsView(string UserId, IReadOnlyList<TermsVersion> Terms);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string AddedBy, DateTimeOffset AddedAt);

public sealed record CommentView(Guid Id, string AuthorId, string Text, CommentVisibility Visibility, DateTimeOffset At);
