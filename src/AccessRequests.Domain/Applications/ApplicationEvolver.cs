using System.Collections.Immutable;

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
                Status = ApplicationStatus.Submitted,
                SubmittedAt = e.At,
                FirstSubmittedAt = state.FirstSubmittedAt ?? e.At,
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
        return next with { UpdatedAt = @event.At };
    }

    public static ApplicationState Fold(IEnumerable<ApplicationEvent> events) =>
        events.Aggregate(ApplicationState.Initial, Evolve);
}
