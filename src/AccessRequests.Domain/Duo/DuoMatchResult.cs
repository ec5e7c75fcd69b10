namespace AccessRequests.Domain.Duo;

/// <summary>What the DUO rules say about one research purpose against one dataset.</summary>
public abstract record DuoMatchResult
{
    private DuoMatchResult() { }

    /// <summary>The purpose fits; <see cref="Notes"/> name modifiers that other steps take care of (e.g. IRB).</summary>
    public sealed record Match(IReadOnlyList<string> Notes) : DuoMatchResult;

    /// <summary>The rules say the purpose is not allowed; no one can wave this through.</summary>
    public sealed record NoMatch(string Reason) : DuoMatchResult;

    /// <summary>The rules cannot decide; a steward reads the purpose and decides.</summary>
    public sealed record NeedsReview(IReadOnlyList<string> Reasons) : DuoMatchResult;
}
