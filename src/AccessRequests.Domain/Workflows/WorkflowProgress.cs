namespace AccessRequests.Domain.Workflows;

public enum StepStatus
{
    /// <summary>Its <c>when</c> holds for no dataset of the application; counts as done.</summary>
    Skipped,

    /// <summary>A step in its <c>after</c> has not passed (or been skipped) yet.</summary>
    Waiting,

    /// <summary>Can be acted on now.</summary>
    Open,
    Passed,
    Failed,
}

public enum WorkflowOutcome
{
    InProgress,

    /// <summary>Every step that applies has passed: ready for the decision (automatic) or decided (committee).</summary>
    Complete,

    /// <summary>A step failed.</summary>
    Failed,
}

public enum ReviewOutcome
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>One DAC's review of its own datasets in the application.</summary>
/// <param name="DacId">The DAC.</param>
/// <param name="DatasetIds">The application's datasets this DAC owns (and the step applies to).</param>
/// <param name="Outcome">The recorded decision, or what the votes settle when the chair does not decide.</param>
/// <param name="Approvals">Approve votes.</param>
/// <param name="Rejections">Reject votes.</param>
/// <param name="Abstentions">Abstentions.</param>
/// <param name="EnoughApprovals">At least <c>approvalsRequired</c> approve votes: the chair may approve.</param>
public sealed record DacReviewProgress(
    string DacId,
    IReadOnlyList<string> DatasetIds,
    ReviewOutcome Outcome,
    int Approvals,
    int Rejections,
    int Abstentions,
    bool EnoughApprovals);

/// <summary>Where one step stands.</summary>
/// <param name="StepId">The step's id in the workflow.</param>
/// <param name="Type">The step type.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Actors">Who acts on it: <c>role:steward</c>, <c>role:applicant</c> or <c>dac:&lt;dacId&gt;</c> (one per DAC).</param>
/// <param name="DatasetIds">The application's datasets it applies to.</param>
/// <param name="Detail">Why it stands there, in words for the people involved.</param>
/// <param name="Reviews">For a dac-review, one review per DAC; empty for other steps.</param>
public sealed record StepProgress(
    string StepId,
    string Type,
    StepStatus Status,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> DatasetIds,
    string Detail,
    IReadOnlyList<DacReviewProgress> Reviews);

public sealed record WorkflowProgress(WorkflowOutcome Outcome, IReadOnlyList<StepProgress> Steps)
{
    public StepProgress Step(string stepId) => Steps.Single(s => s.StepId == stepId);

    public IEnumerable<StepProgress> Open => Steps.Where(s => s.Status == StepStatus.Open);
}
