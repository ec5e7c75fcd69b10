namespace AccessRequests.Domain.Catalogue;

/// <summary>A Data Access Committee: its members vote, its chair decides.</summary>
/// <param name="Id">The DAC's stable id (in URLs, datasets and visas).</param>
/// <param name="Name">The name shown.</param>
/// <param name="Members">Who sits on it: exactly one chair, the rest members.</param>
/// <param name="Description">What the committee decides on, for applicants and admins; optional.</param>
public sealed record Dac(string Id, string Name, IReadOnlyList<DacMember> Members, string? Description = null);

public sealed record DacMember(string UserId, string Role)
{
    public const string Chair = "chair";
    public const string Member = "member";
}

/// <summary>The service-given roles of one user (admin, steward, auditor); DAC roles come from DAC membership.</summary>
public sealed record UserRoles(string UserId, IReadOnlyList<string> Roles);
