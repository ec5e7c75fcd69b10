namespace AccessRequests.Domain.Applications;

/// <summary>Who may see an application and which of its events.</summary>
public static class ApplicationAccess
{
    public static bool CanRead(ApplicationState state, Actor actor) =>
        CanRead(state.ApplicantId, state.Members.Select(m => m.UserId), state.Reviews.Keys, actor);

    /// <summary>The people on it, staff, and the members of the DACs that review it.</summary>
    public static bool CanRead(string applicantId, IEnumerable<string> memberIds, IEnumerable<string> dacIds, Actor actor) =>
        applicantId == actor.UserId || memberIds.Contains(actor.UserId) || IsReviewer(dacIds, actor);

    /// <summary>Staff and DAC members see everything; applicants and members never see what is internal to the committee.</summary>
    public static bool CanSee(ApplicationEvent @event, IEnumerable<string> dacIds, Actor actor) =>
        !@event.IsInternal || IsReviewer(dacIds, actor);

    /// <summary>Stewards, auditors, admins, and members of a reviewing DAC.</summary>
    public static bool IsReviewer(IEnumerable<string> dacIds, Actor actor) =>
        actor.IsSteward || actor.IsAuditor || dacIds.Any(actor.SitsOn);
}
