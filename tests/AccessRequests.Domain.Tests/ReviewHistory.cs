using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests;

/// <summary>Events of the review lifecycle under pinned workflows, and the usual histories of a review.</summary>
internal static partial class History
{
    public static ApplicationEvent.EthicsApprovalAdded EthicsApprovalAdded(DateOnly? until = null, DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, "nvk", "2500123", EthicsFrom, until ?? EthicsUntil, null);

    public static ApplicationEvent.AffiliationDeclared AffiliationDeclared(DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, "University of Copenhagen", "Postdoc", "prof@ku.dk");

    /// <summary>Submitted under <paramref name="policies"/>, pinning the shipped workflows they name.</summary>
    public static ApplicationEvent.Submitted SubmittedUnder(DatasetPolicy[] policies, AffiliationEvidence[]? evidence = null, DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, TermsV1, policies, ShippedWorkflows.For(policies), evidence ?? [KuMember]);

    public static ApplicationEvent.AffiliationConfirmedAutomatically AffiliationConfirmed(DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, Ku.Id, KuMember);

    public static ApplicationEvent.PurposeMatched PurposeMatched(DateTimeOffset? at = null, params PurposeResult[] results) =>
        new(Applicant.UserId, at ?? T0, results);

    /// <summary>How <see cref="Fixed.Purpose"/> meets a dataset of <see cref="Fixed.NgcPolicies"/>.</summary>
    public static PurposeResult Matches(string datasetId) => new(datasetId, PurposeResult.Match, [IrbNote]);

    public static ApplicationEvent.CheckVerified Verified(CheckKind check, DateTimeOffset? at = null) =>
        new(Steward.UserId, at ?? T0, check, "Looks right.");

    public static ApplicationEvent.VoteCast VoteCast(Actor by, string dacId = NgcDacId, DacVote vote = DacVote.Approve, DateTimeOffset? at = null) =>
        new(by.UserId, at ?? T0, dacId, vote, null);

    public static ApplicationEvent.DacDecided DacApproved(Actor chair, string dacId, string[] datasetIds, DateTimeOffset? at = null) =>
        new(chair.UserId, at ?? T0, dacId, DacDecision.Approve, datasetIds, GrantEnd, Conditions, null);

    public static ApplicationEvent.DacDecided DacRejected(Actor chair, string dacId, string[] datasetIds, string reason, DateTimeOffset? at = null) =>
        new(chair.UserId, at ?? T0, dacId, DacDecision.Reject, datasetIds, null, [], reason);

    public static ApplicationEvent.ApplicationDecided Decided(Actor by, string[] approved, string? reason = null, DateTimeOffset? at = null) =>
        new(by.UserId, at ?? T0, approved, reason);

    public static ApplicationEvent.InformationRequested InformationRequested(Actor? by = null, DateTimeOffset? at = null) =>
        new((by ?? Steward).UserId, at ?? T0, "Please attach the approval letter.", "ethics");

    public static ApplicationEvent.ApplicantResponded Responded(DateTimeOffset? at = null) =>
        new(Applicant.UserId, at ?? T0, "Attached.");

    public static ApplicationEvent.StepAssigned Assigned(Actor by, string stepId, DateTimeOffset? at = null) =>
        new(by.UserId, at ?? T0, stepId, by.UserId);

    /// <summary><see cref="ReadyDraft"/> with an ethics approval valid long enough: what a workflow with an ethics step needs.</summary>
    public static ApplicationEvent[] PinnableDraft => [.. ReadyDraft, EthicsApprovalAdded()];

    /// <summary>What submitting <see cref="PinnableDraft"/> under <paramref name="policies"/> with a KU sign-in records.</summary>
    /// <remarks><paramref name="results"/>: the DUO match; by default <see cref="Matches"/> for every dataset.</remarks>
    public static ApplicationEvent[] SubmittedFrom(DatasetPolicy[] policies, DateTimeOffset? at = null, PurposeResult[]? results = null) =>
    [
        .. PinnableDraft, SubmittedUnder(policies, at: at), AffiliationConfirmed(at),
        PurposeMatched(at, results ?? [.. policies.Select(p => Matches(p.DatasetId))]),
    ];

    /// <summary>Both datasets before the NGC DAC; the ethics approval awaits a steward.</summary>
    public static ApplicationEvent[] InNgcReview => SubmittedFrom(NgcPolicies);

    /// <summary>The steward verified the ethics approval: the DAC review is open.</summary>
    public static ApplicationEvent[] BeforeTheNgcDac => [.. InNgcReview, Verified(CheckKind.Ethics)];

    /// <summary>Two NGC members approve: the chair may approve.</summary>
    public static ApplicationEvent[] NgcMembersApproved => [.. BeforeTheNgcDac, VoteCast(NgcReviewer1), VoteCast(NgcReviewer2)];

    /// <summary>The application is with the steward's question; the clock is paused.</summary>
    public static ApplicationEvent[] ReturnedToApplicant => [.. InNgcReview, InformationRequested()];

    /// <summary>WGS before the NGC DAC, the registry before the Region H DAC; both reviews are open.</summary>
    public static ApplicationEvent[] BeforeTwoDacs => [.. SubmittedFrom(TwoDacPolicies), Verified(CheckKind.Ethics)];
}
