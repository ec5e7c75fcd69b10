namespace AccessRequests.Contracts;

/// <summary>A grant ends before its time (a DAC chair, steward or admin revoked it, or the member left): remove the access.</summary>
public sealed record AccessRevoked
{
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string UserId { get; init; }
    public required string DatasetId { get; init; }
    public required string Location { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset RevokedAt { get; init; }
}
