namespace AccessRequests.Domain.Workflows;

/// <summary>The step types (activities) the Domain implements, with each one's settings.</summary>
public abstract record StepSettings
{
    private StepSettings() { }

    /// <summary>The type name used in workflow files.</summary>
    public abstract string Type { get; }

    /// <param name="MinRemainingValidityDays">The approval must still be valid this many days after the check.</param>
    public sealed record EthicsApproval(int MinRemainingValidityDays) : StepSettings
    {
        public override string Type => StepTypes.EthicsApproval;
    }

    /// <param name="AutomaticFromFederatedClaims">Passed without a steward when the identity federation vouches.</param>
    /// <param name="AcceptedAffiliations">eduPersonAffiliation values that count (the part before @ of a scoped one).</param>
    public sealed record InstitutionAffiliation(bool AutomaticFromFederatedClaims, IReadOnlyList<string> AcceptedAffiliations) : StepSettings
    {
        public static readonly IReadOnlyList<string> DefaultAffiliations = ["member", "faculty", "staff", "employee"];

        public override string Type => StepTypes.InstitutionAffiliation;
    }

    public sealed record DuoMatch : StepSettings
    {
        public override string Type => StepTypes.DuoMatch;
    }

    /// <param name="ApprovalsRequired">Approve votes needed (per DAC) before the DAC may approve.</param>
    /// <param name="ChairDecides">The chair records the decision; otherwise the votes decide.</param>
    public sealed record DacReview(int ApprovalsRequired, bool ChairDecides) : StepSettings
    {
        public override string Type => StepTypes.DacReview;
    }

    public sealed record TermsAccepted : StepSettings
    {
        public override string Type => StepTypes.TermsAccepted;
    }
}

public static class StepTypes
{
    public const string EthicsApproval = "ethics-approval";
    public const string InstitutionAffiliation = "institution-affiliation";
    public const string DuoMatch = "duo-match";
    public const string DacReview = "dac-review";
    public const string TermsAccepted = "terms-accepted";

    public static IReadOnlyList<string> All { get; } = [EthicsApproval, InstitutionAffiliation, DuoMatch, DacReview, TermsAccepted];
}
