namespace AccessRequests.Contracts;

/// <summary>
/// A user may now use a dataset at a data location: create their access (ACL, symlink, hub share) until
/// <see cref="ValidUntil"/>. The message id is the id of the event that granted it, so a redelivery can be recognised.
/// Published again with a later <see cref="ValidUntil"/> when a grant is renewed (same <see cref="GrantId"/>).
/// </summary>
public sealed record AccessGranted
{
    public required Guid GrantId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string UserId { get; init; }
    public required string DatasetId { get; init; }
    public required string Location { get; init; }
    public required DateTimeOffset ValidFrom { get; init; }
    public required DateTimeOffset ValidUntil { get; init; }
    public IReadOnlyList<string> Conditions { get; init; } = [];
    public required DateTimeOffset GrantedAt { get; init; }
}
