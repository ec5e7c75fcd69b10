namespace AccessRequests.Domain.Policies;

/// <summary>A Danish research institution and the identity-federation scope domains its people sign in with.</summary>
public sealed record Institution(string Id, string Name, IReadOnlyList<string> Domains)
{
    /// <summary>True for the institution's domains and their subdomains (e.g. <c>sund.ku.dk</c> under <c>ku.dk</c>).</summary>
    public bool Owns(string domain)
    {
        var d = domain.Trim().ToLowerInvariant();
        return Domains.Any(own => d == own || d.EndsWith("." + own, StringComparison.Ordinal));
    }
}

/// <summary>What the sign-in said about the user's affiliation, kept as evidence on the application.</summary>
public sealed record AffiliationEvidence(string Issuer, string Claim, string Value, DateTimeOffset At);

public static class AffiliationRules
{
    public static readonly IReadOnlyList<string> DefaultAccepted = ["member", "faculty", "staff", "employee"];

    /// <summary>
    /// The first <c>eduPersonScopedAffiliation</c> value (<c>role@domain</c>) whose role is accepted and whose domain
    /// belongs to a registered institution, with that institution; or none.
    /// </summary>
    public static (AffiliationEvidence Evidence, Institution Institution)? Match(
        IEnumerable<AffiliationEvidence> evidence, IReadOnlyList<Institution> registry, IReadOnlyList<string> acceptedRoles)
    {
        // LS AAI carries the same role@domain values as voperson_external_affiliation.
        foreach (var e in evidence.Where(e => e.Claim is "eduPersonScopedAffiliation" or "voperson_external_affiliation"))
        {
            var parts = e.Value.Split('@', 2);
            if (parts.Length != 2 || !acceptedRoles.Contains(parts[0].Trim().ToLowerInvariant()))
            {
                continue;
            }
            if (registry.FirstOrDefault(i => i.Owns(parts[1])) is { } institution)
            {
                return (e, institution);
            }
        }
        return null;
    }
}
