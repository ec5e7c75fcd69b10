namespace AccessRequests.Domain;

/// <summary>Who issues a command: the user id from the trusted issuer and the roles the service itself gave them.</summary>
/// <param name="UserId">The id from the issuer's user-id claim.</param>
/// <param name="Name">The name to show.</param>
/// <param name="Email">Where to reach them, if known.</param>
/// <param name="Roles">Service-given roles: admin, steward, auditor.</param>
/// <param name="DacIds">The DACs the user sits on (as member or chair).</param>
public sealed record Actor(string UserId, string Name, string? Email, IReadOnlySet<string> Roles, IReadOnlySet<string>? DacIds = null)
{
    /// <summary>The user id of the service itself, for what its timers record.</summary>
    public const string SystemUserId = "system";

    public bool SitsOn(string dacId) => DacIds?.Contains(dacId) == true;

    public bool IsAdmin => Roles.Contains(Role.Admin);
    public bool IsSteward => Roles.Contains(Role.Steward) || IsAdmin;
    public bool IsAuditor => Roles.Contains(Role.Auditor) || IsAdmin;
}

public static class Role
{
    public const string Admin = "admin";
    public const string Steward = "steward";
    public const string Auditor = "auditor";

    /// <summary>A machine client of a data location: reads grants and visas, nothing else.</summary>
    public const string Provisioning = "provisioning";
}
