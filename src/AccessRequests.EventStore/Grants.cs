namespace AccessRequests.EventStore;

/// <summary>
/// The grants read model: one user's access to one dataset at one data location, from one application.
/// <see cref="Status"/> is "active", "revoked" or "expired"; <see cref="Detail"/> is JSON text with anything else
/// (conditions...). A grant is in force at an instant when it is active and that instant is in
/// [<see cref="ValidFrom"/>, <see cref="ValidUntil"/>).
/// </summary>
public sealed record GrantRow(
    Guid GrantId,
    Guid ApplicationId,
    string UserId,
    string DatasetId,
    string Location,
    string DacId,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    string Status,
    DateTimeOffset UpdatedAt,
    string Detail);

/// <summary>
/// Grants matching every filter that is set, ordered by <see cref="GrantRow.ValidFrom"/> then id.
/// <see cref="Active"/> true: in force at <see cref="Now"/> (status "active", ValidFrom &lt;= Now &lt; ValidUntil);
/// false: not in force then. <see cref="Now"/> is required with <see cref="Active"/> and ignored without it.
/// </summary>
public sealed record GrantQuery(
    string? UserId = null,
    string? DatasetId = null,
    string? Location = null,
    Guid? ApplicationId = null,
    bool? Active = null,
    DateTimeOffset? Now = null,
    int Limit = 1000);
