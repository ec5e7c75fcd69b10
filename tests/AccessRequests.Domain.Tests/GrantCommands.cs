using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests;

/// <summary>Commands on grants as the endpoints would send them, at <see cref="Fixed.Now"/> unless given.</summary>
internal static partial class Commands
{
    /// <summary>Revoke one grant, or with no <paramref name="grantId"/> the whole application.</summary>
    public static ApplicationCommand.Revoke Revoke(Actor by, Guid? grantId = null, string reason = "The data were copied off the HPC.") =>
        new(by, Now, grantId, reason, Dacs);

    public static ApplicationCommand.Renew Renew(Actor? by = null, DateOnly? until = null, DateTimeOffset? at = null) =>
        new(by ?? Applicant, at ?? Now, until ?? RenewalEnd, RenewalJustification);
}
