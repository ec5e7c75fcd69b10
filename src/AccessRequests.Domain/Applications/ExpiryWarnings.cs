using System.Collections.Immutable;
using static AccessRequests.Domain.Applications.ApplicationStatus;

namespace AccessRequests.Domain.Applications;

/// <summary>
/// Warnings that access, or the ethics approval it rests on, ends soon: <see cref="DaysBefore"/> days before, each
/// recorded once by the service's timer. A timer that comes late gives only the nearest warning it has passed (who is
/// told "30 days" with 5 left is misled), and none once the end has come: the end itself is then the news.
/// </summary>
public static class ExpiryWarnings
{
    /// <summary>How many days before an end its warnings come, earliest first.</summary>
    public static readonly ImmutableArray<int> DaysBefore = [30, 7];

    /// <summary>Something that ends and may be warned of.</summary>
    private sealed record Expiry(ExpirySubject Subject, Guid? GrantId, DateTimeOffset ExpiresAt);

    /// <summary>The warnings due at <paramref name="now"/> and not given yet.</summary>
    public static IReadOnlyList<ApplicationEvent.ExpiryApproaching> Due(ApplicationState state, DateTimeOffset now) =>
        [.. Expiries(state)
            .Where(x => now < x.ExpiresAt)
            .Select(x => (x, days: Pending(state, x).Where(d => now >= x.ExpiresAt.AddDays(-d)).Order().FirstOrDefault()))
            .Where(p => p.days > 0)
            .Select(p => new ApplicationEvent.ExpiryApproaching(Actor.SystemUserId, now, p.x.Subject, p.x.GrantId, p.x.ExpiresAt, p.days))];

    /// <summary>When the next warning falls due; null when none is pending.</summary>
    public static DateTimeOffset? Next(ApplicationState state) =>
        Expiries(state)
            .SelectMany(x => Pending(state, x).Select(d => (DateTimeOffset?)x.ExpiresAt.AddDays(-d)))
            .Min();

    /// <summary>
    /// The ends that concern the people on the application: its active grants, and the ethics approval while it backs
    /// access. Nothing once the application is closed, withdrawn or revoked (its grants are ended then too).
    /// </summary>
    /// <remarks>
    /// An approval that had ended by the application's last event (access given after it, where the workflow does not
    /// tie the two) is past warning: left in, its unsent warnings would be a next check in the past that the timer,
    /// finding nothing to record, looks at again and again.
    /// </remarks>
    private static IEnumerable<Expiry> Expiries(ApplicationState state)
    {
        if (state.Status is Closed or Withdrawn or Revoked)
        {
            return [];
        }
        var grants = state.ActiveGrants.Select(g => new Expiry(ExpirySubject.Grant, g.GrantId, g.ValidUntil)).ToList();
        return state.Ethics is { } ethics && grants.Count > 0 && GrantDecider.EndOf(ethics.ValidUntil) is var end && end > state.UpdatedAt
            ? [.. grants, new Expiry(ExpirySubject.EthicsApproval, null, end)]
            : grants;
    }

    /// <summary>The warnings of <paramref name="expiry"/> still to come: those nearer the end than any already given.</summary>
    private static IEnumerable<int> Pending(ApplicationState state, Expiry expiry) =>
        DaysBefore.Where(d => !Passed(state, expiry, d));

    /// <summary>True when a warning <paramref name="days"/> or fewer days before <paramref name="expiry"/> was given.</summary>
    private static bool Passed(ApplicationState state, Expiry expiry, int days) =>
        state.WarnedExpiries.Any(w => w.Subject == expiry.Subject && w.GrantId == expiry.GrantId && w.ExpiresAt == expiry.ExpiresAt && w.DaysBefore <= days);
}
