namespace AccessRequests.Domain.Applications;

/// <summary>Who may see an application and which of its events.</summary>
public static class ApplicationAccess
{
    public static bool CanRead(ApplicationState state, Actor actor) =>
        CanRead(state.ApplicantId, state.Members.Select(m => m.UserId), actor);

    public static bool CanRead(string applicantId, IEnumerable<string> memberIds, Actor actor) =>
        applicantId == actor.UserId || memberIds.Contains(actor.UserId) || actor.IsSteward || actor.IsAuditor;

    /// <summary>Staff see everything; applicants and members never see what is internal to the committee.</summary>
    public static bool CanSee(ApplicationEvent @event, Actor actor) =>
        !@event.IsInternal || actor.IsSteward || actor.IsAuditor;
}
