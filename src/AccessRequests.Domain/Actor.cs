namespace AccessRequests.Domain;

/// <summary>Who issues a command: the user id from the trusted issuer and the roles the service itself gave them.</summary>
public sealed record Actor(string UserId, string Name, string? Email, IReadOnlySet<string> Roles)
{
    public bool IsAdmin => Roles.Contains(Role.Admin);
    public bool IsSteward => Roles.Contains(Role.Steward) || IsAdmin;
    public bool IsAuditor => Roles.Contains(Role.Auditor) || IsAdmin;
}

public static class Role
{
    public const string Admin = "admin";
    public const string Steward = "steward";
    public const string Auditor = "auditor";
}
