namespace AccessRequests.Domain.Workflows;

/// <summary>One workflow file (DESIGN §5), parsed and valid. Build it with <see cref="WorkflowParser"/>.</summary>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    LocalizedText Title,
    DecisionMode Decision,
    IReadOnlyList<WorkflowStep> Steps,
    GrantPolicy Grant,
    DeadlinePolicy Deadlines)
{
    /// <summary>The file name this definition must have: <c>&lt;id&gt;.v&lt;version&gt;.json</c>.</summary>
    public string FileName => $"{Id}.v{Version}.json";
}

public sealed record LocalizedText(string En, string Da);

/// <summary>Who decides once every step has passed.</summary>
public enum DecisionMode
{
    /// <summary>The datasets' DACs decide in a <c>dac-review</c> step (the default).</summary>
    Committee,

    /// <summary>Approved as soon as every step has passed (registered access); there is no <c>dac-review</c> step.</summary>
    Automatic,
}

/// <summary>One step; <see cref="AssignTo"/> is the file's <c>assignTo</c> or the type's default.</summary>
public sealed record WorkflowStep(
    string Id,
    StepSettings Settings,
    IReadOnlyList<string> After,
    StepCondition? When,
    StepAssignee AssignTo)
{
    public string Type => Settings.Type;
}

public enum StepAssignee
{
    /// <summary>The applicant and members act themselves (only <c>terms-accepted</c>).</summary>
    Applicants,

    /// <summary><c>"data-stewards"</c>: the service's stewards (secretariat).</summary>
    DataStewards,

    /// <summary><c>"dataset-dac"</c>: the DAC owning each dataset the step applies to.</summary>
    DatasetDac,
}

/// <summary>When a step applies; a step without one applies to every dataset.</summary>
public abstract record StepCondition
{
    private StepCondition() { }

    /// <summary><c>{ "datasetHasDuo": "DUO:0000021" }</c>: the dataset carries this DUO code.</summary>
    public sealed record DatasetHasDuo(string Code) : StepCondition;
}

/// <param name="MaxDays">No grant lasts longer than this from the decision.</param>
/// <param name="EndNoLaterThanEthicsApproval">Grants end when the ethics approval does, if that is sooner.</param>
public sealed record GrantPolicy(int MaxDays, bool EndNoLaterThanEthicsApproval);

/// <param name="DecisionDays">Days from a complete (submitted) application to the decision.</param>
/// <param name="PauseWhileReturned">The clock stops while the application is returned to the applicant.</param>
/// <param name="RemindDaysBefore">Remind the deciders this many days before the deadline; null: no reminder.</param>
/// <param name="CompletionDays">Days the applicant has to complete a returned (incomplete) application; null: no limit.</param>
public sealed record DeadlinePolicy(int DecisionDays, bool PauseWhileReturned, int? RemindDaysBefore, int? CompletionDays);
