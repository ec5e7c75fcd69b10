namespace AccessRequests.Domain.Workflows;

/// <summary>
/// Why a workflow file is refused. <see cref="Message"/> is written for the person editing the file;
/// <see cref="Path"/> says where, e.g. <c>steps[3].settings.approvalsRequired</c> (empty: the whole file).
/// </summary>
public sealed record WorkflowProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>Either a valid definition or every problem found in the file.</summary>
public abstract record WorkflowParseResult
{
    private WorkflowParseResult() { }

    public sealed record Valid(WorkflowDefinition Definition) : WorkflowParseResult;

    public sealed record Invalid(IReadOnlyList<WorkflowProblem> Problems) : WorkflowParseResult;
}
