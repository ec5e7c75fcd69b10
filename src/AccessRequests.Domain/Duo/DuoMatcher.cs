using AccessRequests.Domain.Applications;
using static AccessRequests.Domain.Duo.DuoTerms;

namespace AccessRequests.Domain.Duo;

/// <summary>
/// DUOS-style matching of a research purpose against a dataset's DUO codes. A rule that forbids the purpose gives
/// <see cref="DuoMatchResult.NoMatch"/>; anything the rules cannot settle (unknown codes, differently worded
/// diseases, modifiers only a person can check) gives <see cref="DuoMatchResult.NeedsReview"/>; NoMatch wins.
/// </summary>
public static class DuoMatcher
{
    private static readonly string[] PurposeCodes = [Gru, Hmb, Ds, Poa];
    private static readonly string[] NonCommercial = [Npu, Ncu, Npuncu];

    // Conditions a steward must check against the project description; the codes alone cannot tell.
    private static readonly string[] ReviewedModifiers = [Col, Pub, Gs, Mor, Rtn, Us, Is, Ps, Ts, Gso, Nmds, Rs];

    // Conditions other workflow steps enforce, or that only widen the permission: named, never blocking.
    private static readonly Dictionary<string, string> NotedModifiers = new()
    {
        [Irb] = "IRB (DUO:0000021): ethics approval is required; the workflow's ethics step checks it",
        [Cc] = "CC (DUO:0000043): clinical care use is also allowed",
    };

    public static DuoMatchResult Match(ResearchPurpose? purpose, DatasetUse dataset)
    {
        var refusals = new List<string>();
        var reviews = new List<string>();
        var notes = new List<string>();

        var datasetCodes = Normalise(dataset.DuoCodes);
        var permissions = datasetCodes.Where(c => Find(c)?.Kind == DuoTermKind.Permission).ToList();

        foreach (var code in datasetCodes.Where(c => Find(c) is null))
            reviews.Add($"the dataset has the unknown DUO code {code}");

        var stated = Normalise(purpose?.DuoCodes ?? []);
        if (purpose is null || stated.Count == 0)
            reviews.Add("the research purpose names no DUO term");
        foreach (var code in stated.Where(c => !PurposeCodes.Contains(c)))
            reviews.Add($"{Describe(code)} is not a research purpose (expected GRU, HMB, DS or POA)");

        if (permissions.Count == 0)
        {
            reviews.Add("the dataset has no data-use permission (NRES, GRU, HMB, DS or POA)");
        }
        else if (permissions.Count > 1)
        {
            reviews.Add($"the dataset has several data-use permissions: {string.Join(", ", permissions.Select(Describe))}");
        }
        else
        {
            foreach (var code in stated.Where(PurposeCodes.Contains))
                CheckPermission(code, purpose!.Disease, permissions[0], dataset.Disease, refusals, reviews);
        }

        var commercialBans = purpose is { Commercial: true } ? datasetCodes.Where(NonCommercial.Contains) : [];
        foreach (var code in commercialBans)
            refusals.Add($"commercial use is not allowed by {Describe(code)}: {Find(code)!.Label}");
        foreach (var code in datasetCodes.Where(ReviewedModifiers.Contains))
            reviews.Add($"{Describe(code)}: {Find(code)!.Label}; a steward checks that the project meets it");
        foreach (var code in datasetCodes.Where(NotedModifiers.ContainsKey))
            notes.Add(NotedModifiers[code]);

        if (refusals.Count > 0)
            return new DuoMatchResult.NoMatch(string.Join("; ", refusals));
        return reviews.Count > 0 ? new DuoMatchResult.NeedsReview(reviews) : new DuoMatchResult.Match(notes);
    }

    private static void CheckPermission(
        string purpose, string? purposeDisease, string permission, string? datasetDisease, List<string> refusals, List<string> reviews)
    {
        if (permission == Ds && purpose == Ds)
        {
            CheckDisease(purposeDisease, datasetDisease, reviews);
            return;
        }

        var fits = (permission, purpose) switch
        {
            (Nres, _) or (Gru, _) => true,
            (Hmb, Hmb or Ds) => true,
            (Poa, Poa) => true,
            _ => false,
        };
        var limitedTo = permission == Ds && !string.IsNullOrWhiteSpace(datasetDisease) ? $" ({datasetDisease.Trim()})" : "";
        if (!fits)
        {
            refusals.Add(
                $"{Describe(purpose)} research is not covered by the dataset's {Describe(permission)}: {Find(permission)!.Label}{limitedTo}");
        }
    }

    /// <summary>The same words (ignoring case) match; anything else is for a steward, who knows disease hierarchies.</summary>
    private static void CheckDisease(string? purposeDisease, string? datasetDisease, List<string> reviews)
    {
        var wanted = purposeDisease?.Trim() ?? "";
        var allowed = datasetDisease?.Trim() ?? "";
        if (allowed.Length == 0)
        {
            reviews.Add("the dataset's DS (DUO:0000007) names no disease");
        }
        else if (wanted.Length == 0)
        {
            reviews.Add($"the purpose is disease specific but names no disease; the dataset is limited to {allowed}");
        }
        else if (!string.Equals(wanted, allowed, StringComparison.OrdinalIgnoreCase))
        {
            reviews.Add($"the purpose's disease \"{wanted}\" is not literally the dataset's \"{allowed}\"; " +
                "a steward decides whether it falls under it");
        }
    }

    /// <summary>Trimmed, known codes in their canonical spelling, duplicates removed.</summary>
    private static List<string> Normalise(IEnumerable<string> codes) =>
        codes.Select(c => Find(c)?.Code ?? c.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
