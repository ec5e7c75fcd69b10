using System.Text.Json;
using AccessRequests.Domain.Duo;

namespace AccessRequests.Domain.Workflows;

/// <summary>Reads the <c>steps</c> list: each step's fields and settings, then the <c>after</c> graph as a whole.</summary>
internal static class StepReader
{
    private static readonly string[] StepKeys = ["id", "type", "after", "when", "assignTo", "settings"];
    private static readonly string[] WhenKeys = ["datasetHasDuo"];

    /// <summary>Returns null when any step is wrong (the problems say why).</summary>
    public static List<WorkflowStep>? ReadAll(List<JsonElement>? elements, JsonFields root, FileProblems problems)
    {
        if (elements is null)
            return null;
        if (elements.Count == 0)
        {
            root.Problem("steps", "\"steps\" is empty; a workflow needs at least one step");
            return null;
        }

        var before = problems.All.Count;
        var steps = new List<WorkflowStep>();
        var drafts = new List<(WorkflowStep? Step, string? Id, string? Type, List<string> After, JsonFields Fields)>();
        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i].ValueKind != JsonValueKind.Object)
            {
                problems.Add($"steps[{i}]", $"steps[{i}] must be an object, not {JsonFields.Show(elements[i])}");
                continue;
            }

            drafts.Add(Read(new JsonFields(problems, elements[i], $"steps[{i}]", $"steps[{i}]: ")));
        }

        StepGraph.Check(drafts.Select(d => (d.Id, d.Type, d.After, d.Fields)).ToList());
        return problems.All.Count == before ? drafts.Select(d => d.Step!).ToList() : null;
    }

    private static (WorkflowStep? Step, string? Id, string? Type, List<string> After, JsonFields Fields) Read(JsonFields fields)
    {
        var id = WorkflowParser.Identifier(fields, "id");
        if (id is not null)
            fields = fields.About($"step \"{id}\": ");
        fields.OnlyKeys(StepKeys);

        var type = fields.String("type", required: true);
        if (type is not null && !StepTypes.All.Contains(type))
        {
            fields.Problem("type", $"unknown step type \"{type}\" (known: {string.Join(", ", StepTypes.All)})");
            type = null;
        }

        var after = fields.Strings("after", required: false) ?? [];
        var when = ReadWhen(fields.Object("when", required: false));
        var assignTo = ReadAssignee(fields, type);
        var settings = type is null ? null : StepSettingsReader.Read(type, fields);
        var step = id is null || settings is null || assignTo is null
            ? null
            : new WorkflowStep(id, settings, after, when, assignTo.Value);
        return (step, id, type, after, fields);
    }

    private static StepCondition? ReadWhen(JsonFields? when)
    {
        if (when is null)
            return null;
        when.OnlyKeys(WhenKeys, "unknown condition \"{0}\" in \"when\" (known: datasetHasDuo)");
        var code = when.String("datasetHasDuo", required: true);
        if (code is null)
            return null;
        if (!DuoTerms.IsWellFormed(code))
        {
            when.Problem("datasetHasDuo", $"\"when.datasetHasDuo\" must be a DUO code like DUO:0000021, not \"{code}\"");
            return null;
        }

        if (DuoTerms.Find(code) is null)
        {
            when.Problem("datasetHasDuo", $"\"when.datasetHasDuo\" is {code}, which is not a DUO term this service knows");
            return null;
        }

        return new StepCondition.DatasetHasDuo(code);
    }

    private static StepAssignee? ReadAssignee(JsonFields fields, string? type)
    {
        var fallback = type switch
        {
            StepTypes.TermsAccepted => StepAssignee.Applicants,
            StepTypes.DacReview => StepAssignee.DatasetDac,
            _ => StepAssignee.DataStewards,
        };
        var assignee = fields.String("assignTo", required: false) switch
        {
            null => fallback,
            "data-stewards" => StepAssignee.DataStewards,
            "dataset-dac" => StepAssignee.DatasetDac,
            var other => Refuse($"\"assignTo\" must be \"data-stewards\" or \"dataset-dac\", not \"{other}\""),
        };
        if (assignee is null)
            return null;
        if (type == StepTypes.TermsAccepted && assignee is not StepAssignee.Applicants)
            return Refuse("terms-accepted is done by the applicant and members themselves; remove \"assignTo\"");
        if (type == StepTypes.DacReview && assignee is StepAssignee.DataStewards)
            return Refuse("a dac-review is done by the datasets' DACs; \"assignTo\" must be \"dataset-dac\"");
        return assignee;

        StepAssignee? Refuse(string message)
        {
            fields.Problem("assignTo", message);
            return null;
        }
    }
}
