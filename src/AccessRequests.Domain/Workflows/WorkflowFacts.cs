using AccessRequests.Domain.Applications;

namespace AccessRequests.Domain.Workflows;

/// <summary>
/// What the interpreter needs to know about one application; the application's state supplies it.
/// Every field has a value meaning "nothing yet", so any combination gives an answer.
/// </summary>
public sealed record WorkflowFacts
{
    /// <summary>
    /// The day the facts are judged at (the ethics approval's remaining validity). The day of the last submit or
    /// respond gives an answer that does not change by itself; today gives the live one.
    /// </summary>
    public required DateOnly AsOf { get; init; }

    public required IReadOnlyList<DatasetFacts> Datasets { get; init; }

    public ResearchPurpose? Purpose { get; init; }

    /// <summary>The application's one ethics approval (it covers every dataset that needs one).</summary>
    public EthicsFacts Ethics { get; init; } = EthicsFacts.None;

    /// <summary>The applicant's affiliation.</summary>
    public AffiliationFacts Affiliation { get; init; } = AffiliationFacts.None;

    /// <summary>A steward's verdict on the research purpose, where the DUO rules could not decide.</summary>
    public StewardVerdict PurposeReview { get; init; } = StewardVerdict.None;

    /// <summary>Votes and decisions of the DACs; a DAC with no entry has neither.</summary>
    public IReadOnlyList<DacFacts> Dacs { get; init; } = [];

    /// <summary>The applicant and every member accepted the current terms of every dataset.</summary>
    public bool TermsAcceptedByEveryone { get; init; }
}

/// <summary>A dataset of the application; <see cref="Disease"/> qualifies a DS (DUO:0000007) code.</summary>
public sealed record DatasetFacts(string DatasetId, string DacId, IReadOnlyList<string> DuoCodes, string? Disease = null);

public enum EthicsStatus
{
    None,

    /// <summary>The applicant added an approval; no steward has looked yet.</summary>
    Recorded,
    Verified,
    Rejected,
}

public sealed record EthicsFacts(EthicsStatus Status, DateOnly? ValidUntil = null)
{
    public static readonly EthicsFacts None = new(EthicsStatus.None);
}

public enum AffiliationStatus
{
    None,

    /// <summary>The applicant declared an institution; no steward has looked yet.</summary>
    Declared,
    Verified,
    Rejected,
}

/// <summary>
/// The affiliation as declared and judged, plus the identity federation's evidence:
/// <see cref="FederatedAffiliations"/> are eduPersonScopedAffiliation values (e.g. <c>staff@ku.dk</c>) whose scope
/// is an institution in the registry. Automatic verification is derived from them here, because whether it is
/// allowed and which affiliations count are settings of the workflow.
/// </summary>
public sealed record AffiliationFacts(AffiliationStatus Status, IReadOnlyList<string> FederatedAffiliations)
{
    public static readonly AffiliationFacts None = new(AffiliationStatus.None, []);
}

public enum StewardVerdict
{
    None,
    Accepted,
    Rejected,
}

public enum DacVote
{
    Approve,
    Reject,
    Abstain,
}

public enum DacDecision
{
    Approve,
    Reject,
}

/// <param name="DacId">The DAC.</param>
/// <param name="MemberCount">Members who may vote (lets votes alone settle a rejection when the chair does not decide).</param>
/// <param name="Votes">Each member's latest vote, by user id.</param>
/// <param name="Decision">The decision recorded for this DAC's datasets, if any.</param>
public sealed record DacFacts(string DacId, int MemberCount, IReadOnlyDictionary<string, DacVote> Votes, DacDecision? Decision = null);
