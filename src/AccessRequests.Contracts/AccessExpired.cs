namespace AccessRequests.Contracts;

/// <summary>A grant reached its end date: remove the access.</summary>
public sealed record AccessExpired
{
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string UserId { get; init; }
    public required string DatasetId { get; init; }
    public required string Location { get; init; }
    public required DateTimeOffset ExpiredAt { get; init; }
}
