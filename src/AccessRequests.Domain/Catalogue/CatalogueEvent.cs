namespace AccessRequests.Domain.Catalogue;

/// <summary>A change to the catalogue: the whole new definition, with who and when.</summary>
public abstract record CatalogueEvent(string ActorId, DateTimeOffset At)
{
    public sealed record DatasetDefined(string ActorId, DateTimeOffset At, Dataset Dataset) : CatalogueEvent(ActorId, At);

    public sealed record DacDefined(string ActorId, DateTimeOffset At, Dac Dac) : CatalogueEvent(ActorId, At);

    public sealed record RolesDefined(string ActorId, DateTimeOffset At, UserRoles Roles) : CatalogueEvent(ActorId, At);

    public const string DatasetDefinedName = "dataset-defined";
    public const string DacDefinedName = "dac-defined";
    public const string RolesDefinedName = "roles-defined";
}
