namespace AccessRequests.Domain.Duo;

/// <summary>
/// A dataset's data-use conditions: its DUO codes, and for DS (disease specific) the disease it is limited to.
/// </summary>
public sealed record DatasetUse(IReadOnlyList<string> DuoCodes, string? Disease = null);
