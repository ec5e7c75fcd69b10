using System.Security.Cryptography;
using System.Text;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests;

/// <summary>Grant events, and the usual histories of an approved application with its grants.</summary>
internal static partial class History
{
    /// <summary>
    /// The id the decider gives the <paramref name="sequence"/>th grant (from 0) of one user to one dataset of
    /// <see cref="Fixed.TheApplicationId"/>. Written out here rather than borrowed from the decider, so a change to
    /// the rule shows in the specs: stored grant ids are what the storage locations refer to.
    /// </summary>
    public static Guid GrantIdOf(Actor user, string datasetId, int sequence = 0)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"grant:{TheApplicationId}:{user.UserId}:{datasetId}:{sequence}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Access "until" a day runs through that day: it ends at the next midnight, UTC.</summary>
    public static DateTimeOffset Through(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// Access to <paramref name="policy"/>'s dataset for <paramref name="to"/>, recorded at <paramref name="at"/>
    /// (<see cref="Fixed.T0"/> unless given) and valid from then unless <paramref name="from"/> says otherwise (an
    /// extension), through <see cref="Fixed.GrantEnd"/> unless given, on the chair's <see cref="Fixed.Conditions"/>.
    /// </summary>
    public static ApplicationEvent.AccessGranted Granted(
        Actor to, DatasetPolicy policy, Actor? by = null, DateTimeOffset? at = null, DateTimeOffset? until = null, int sequence = 0,
        string[]? conditions = null, DateTimeOffset? from = null) =>
        new((by ?? NgcChair).UserId, at ?? T0, GrantIdOf(to, policy.DatasetId, sequence), to.UserId, policy.DatasetId, policy.Location!,
            policy.DacId, from ?? at ?? T0, until ?? Through(GrantEnd), conditions ?? Conditions);

    /// <summary>What an NGC approval of both datasets grants: the applicant and the member, dataset by dataset, as recorded.</summary>
    public static ApplicationEvent.AccessGranted[] NgcGrants(Actor? by = null, DateTimeOffset? at = null) =>
    [
        Granted(Applicant, WgsPolicy, by, at), Granted(TeamMember, WgsPolicy, by, at),
        Granted(Applicant, RegistryPolicy, by, at), Granted(TeamMember, RegistryPolicy, by, at),
    ];

    public static ApplicationEvent.AccessExpired Expired(Actor user, string datasetId, DateTimeOffset at) =>
        new(Actor.SystemUserId, at, GrantIdOf(user, datasetId));

    /// <summary>The timer warned <paramref name="user"/> that their access to the dataset ends (through <see cref="Fixed.GrantEnd"/> unless given).</summary>
    public static ApplicationEvent.ExpiryApproaching ExpiryWarned(
        Actor user, string datasetId, int days, DateTimeOffset? until = null, DateTimeOffset? at = null, int sequence = 0)
    {
        var end = until ?? Through(GrantEnd);
        return new(Actor.SystemUserId, at ?? end.AddDays(-days), ExpirySubject.Grant, GrantIdOf(user, datasetId, sequence), end, days);
    }

    /// <summary>The warnings <paramref name="days"/> before the end of <see cref="NgcGrants"/>, in the order the grants were given.</summary>
    public static ApplicationEvent.ExpiryApproaching[] NgcGrantsWarned(int days, DateTimeOffset? until = null, DateTimeOffset? at = null) =>
    [
        ExpiryWarned(Applicant, Wgs, days, until, at), ExpiryWarned(TeamMember, Wgs, days, until, at),
        ExpiryWarned(Applicant, CancerRegistry, days, until, at), ExpiryWarned(TeamMember, CancerRegistry, days, until, at),
    ];

    /// <summary>The timer warned everyone applying that the ethics approval ends (through <see cref="Fixed.EthicsUntil"/> unless given).</summary>
    public static ApplicationEvent.ExpiryApproaching EthicsExpiryWarned(int days, DateOnly? until = null, DateTimeOffset? at = null)
    {
        var end = Through(until ?? EthicsUntil);
        return new(Actor.SystemUserId, at ?? end.AddDays(-days), ExpirySubject.EthicsApproval, null, end, days);
    }

    public static ApplicationEvent.RenewalRequested RenewalRequested(DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, RenewalEnd, RenewalJustification);

    public static ApplicationEvent.AccessRevoked Revoked(Actor user, string datasetId, Actor by, string reason, bool membership = false, DateTimeOffset? at = null) =>
        new(by.UserId, at ?? T0, GrantIdOf(user, datasetId), reason, membership);

    /// <summary>The member left after approval: both their grants ended with their membership.</summary>
    public static ApplicationEvent[] MemberLeft(Actor member, DateTimeOffset? at = null) =>
    [
        Removed(member, at: at),
        Revoked(member, Wgs, Applicant, "The user left the application.", membership: true, at),
        Revoked(member, CancerRegistry, Applicant, "The user left the application.", membership: true, at),
    ];

    /// <summary>The NGC DAC approved both datasets at <see cref="Fixed.T0"/> through <see cref="Fixed.GrantEnd"/>: the applicant and the member have access.</summary>
    public static ApplicationEvent[] ApprovedByNgc =>
    [
        .. NgcMembersApproved, DacApproved(NgcChair, NgcDacId, [Wgs, CancerRegistry]), Decided(NgcChair, [Wgs, CancerRegistry]), .. NgcGrants(),
    ];
}
