using System.Security.Cryptography;
using System.Text;
using AccessRequests.Domain.Catalogue;
using static AccessRequests.Domain.Applications.ApplicationStatus;

namespace AccessRequests.Domain.Applications;

/// <summary>
/// Grants follow from the application: one per (user, approved dataset) for the applicant and each member who
/// accepted that dataset's terms; they end when revoked, when the member leaves, when the application is closed or
/// revoked, and when their time is up (an event, recorded by the timer).
/// </summary>
internal static class GrantDecider
{
    /// <summary>The grant events that bring the grants in line with the application's new state.</summary>
    public static IReadOnlyList<ApplicationEvent> Reconcile(ApplicationCommand c, ApplicationState state)
    {
        var actor = c.Actor.UserId;
        if (state.Status is Closed or Revoked or Withdrawn)
        {
            return [.. state.ActiveGrants.Select(g => new ApplicationEvent.AccessRevoked(actor, c.Now, g.GrantId, $"The application was {state.Status.ToWire()}."))];
        }
        // Whoever leaves loses access at once, also while a renewal is under review.
        var events = new List<ApplicationEvent>();
        var applying = state.ApplyingUserIds.ToHashSet();
        foreach (var grant in state.ActiveGrants.Where(g => !applying.Contains(g.UserId)))
        {
            events.Add(new ApplicationEvent.AccessRevoked(actor, c.Now, grant.GrantId, "The user left the application.", Membership: true));
        }
        if (state.Status != Approved || state.DecidedAt is not { } decidedAt)
        {
            return events;
        }
        foreach (var datasetId in state.ApprovedDatasetIds)
        {
            var policy = state.Policies.First(p => p.DatasetId == datasetId);
            var decision = state.Reviews.GetValueOrDefault(policy.DacId)?.Decision;
            var terms = state.PinnedTerms.Where(t => t.DatasetId == datasetId).ToList();
            var until = ValidUntil(state, policy, decision, decidedAt);
            foreach (var user in applying.Order(StringComparer.Ordinal).Where(u => state.HasAccepted(u, terms)))
            {
                var grants = state.Grants.Where(g => g.UserId == user && g.DatasetId == datasetId).ToList();
                var active = grants.FirstOrDefault(g => g.Status == GrantStatus.Active);
                if (active is not null)
                {
                    if (until > active.ValidUntil)
                    {
                        events.Add(Granted(c, active.GrantId, state, policy, user, active.ValidFrom, until, decision));
                    }
                    continue;
                }
                // Ended for good (revoked by a reviewer, or expired) stays ended; a member who left and rejoined gets access back.
                if (grants.Count > 0 && !grants[^1].EndedByMembership)
                {
                    continue;
                }
                if (until > c.Now)
                {
                    events.Add(Granted(c, GrantId(state.Id, user, datasetId, grants.Count), state, policy, user, c.Now, until, decision));
                }
            }
        }
        return events;
    }

    public static IReadOnlyList<ApplicationEvent> Revoke(ApplicationCommand.Revoke c, ApplicationState state)
    {
        var grants = c.GrantId is { } one
            ? [state.Grants.FirstOrDefault(g => g.GrantId == one) ?? throw DomainException.Conflict("revoke.unknown-grant", $"The application has no grant {one}.")]
            : state.ActiveGrants.ToList();
        // A chair may end what their DAC granted: one grant, or the whole application if every DAC on it is theirs
        // (with no DAC pinned yet there is no chair: "every" of none must not let anyone through).
        var affected = c.GrantId is null ? state.Reviews.Keys : grants.Select(g => g.DacId);
        var chair = affected.Any() && affected.All(d => c.Dacs.Any(x => x.Id == d && x.Members.Any(m => m.UserId == c.Actor.UserId && m.Role == DacMember.Chair)));
        if (!c.Actor.IsSteward && !chair)
        {
            throw DomainException.Forbidden("revoke.not-allowed", "Only the deciding DAC's chair, data stewards and administrators may revoke access.");
        }
        if (string.IsNullOrWhiteSpace(c.Reason))
        {
            throw DomainException.Conflict("revoke.reason-required", "Say why the access ends.");
        }
        if (c.GrantId is not null)
        {
            return grants[0].Status == GrantStatus.Active ? [new ApplicationEvent.AccessRevoked(c.Actor.UserId, c.Now, grants[0].GrantId, c.Reason)] : [];
        }
        ApplicationDecider.RequireStatus(state, "revoke", Approved, Submitted, Rejected);
        return [
            .. grants.Select(g => new ApplicationEvent.AccessRevoked(c.Actor.UserId, c.Now, g.GrantId, c.Reason)),
            new ApplicationEvent.ApplicationRevoked(c.Actor.UserId, c.Now, c.Reason),
        ];
    }

    public static IReadOnlyList<ApplicationEvent> Renew(ApplicationCommand.Renew c, ApplicationState state)
    {
        ApplicationDecider.RequireApplicant(c.Actor, state, "renew");
        ApplicationDecider.RequireStatus(state, "renew", Approved);
        if (!state.ActiveGrants.Any())
        {
            throw DomainException.Conflict("renew.no-active-grant", "There is no active access to extend; apply anew (copy as new).");
        }
        if (c.Until <= DateOnly.FromDateTime(c.Now.UtcDateTime))
        {
            throw DomainException.Conflict("renew.until-past", "Ask for a date in the future.");
        }
        return [new ApplicationEvent.RenewalRequested(c.Actor.UserId, c.Now, c.Until, c.Justification)];
    }

    /// <summary>The grants whose time is up at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ApplicationEvent> Expire(DateTimeOffset now, ApplicationState state) =>
        [.. state.ActiveGrants.Where(g => g.ValidUntil <= now).Select(g => new ApplicationEvent.AccessExpired(Actor.SystemUserId, now, g.GrantId))];

    /// <summary>
    /// The earliest of: the end the DAC gave (through that day), the workflow's longest grant from the decision, and the
    /// ethics approval's end where the workflow ties access to it.
    /// </summary>
    private static DateTimeOffset ValidUntil(ApplicationState state, DatasetPolicy policy, RecordedDecision? decision, DateTimeOffset decidedAt)
    {
        var workflow = state.WorkflowOf(policy);
        var until = decidedAt.AddDays(workflow.Grant.MaxDays);
        if (decision?.ValidUntil is { } given && EndOf(given) < until)
        {
            until = EndOf(given);
        }
        if (workflow.Grant.EndNoLaterThanEthicsApproval && state.Ethics is { } ethics && EndOf(ethics.ValidUntil) < until)
        {
            until = EndOf(ethics.ValidUntil);
        }
        return until;
    }

    /// <summary>Until a day means through it: the end is the next midnight, UTC.</summary>
    internal static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static ApplicationEvent.AccessGranted Granted(
        ApplicationCommand c, Guid grantId, ApplicationState state, DatasetPolicy policy, string user, DateTimeOffset from, DateTimeOffset until, RecordedDecision? decision) =>
        new(c.Actor.UserId, c.Now, grantId, user, policy.DatasetId, policy.Location ?? "", policy.DacId, from, until, decision?.Conditions ?? []);

    /// <summary>A grant's id follows from what it is, so deciding stays pure and a replay gives the same ids.</summary>
    private static Guid GrantId(Guid applicationId, string userId, string datasetId, int sequence)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"grant:{applicationId}:{userId}:{datasetId}:{sequence}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);  // version 8: custom
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);  // RFC 9562 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
