namespace AccessRequests.Domain.Catalogue;

/// <summary>A Data Access Committee: its members vote, its chair decides.</summary>
public sealed record Dac(string Id, string Name, IReadOnlyList<DacMember> Members);

public sealed record DacMember(string UserId, string Role)
{
    public const string Chair = "chair";
    public const string Member = "member";
}

/// <summary>The service-given roles of one user (admin, steward, auditor); DAC roles come from DAC membership.</summary>
public sealed record UserRoles(string UserId, IReadOnlyList<string> Roles);
