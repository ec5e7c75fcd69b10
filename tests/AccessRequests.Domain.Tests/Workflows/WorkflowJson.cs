using System.Text.Json.Nodes;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Tests.Workflows;

/// <summary>A valid workflow file to break one thing at a time, and the problems the parser reports for it.</summary>
internal static class WorkflowJson
{
    public const string FileName = "ngc-controlled-access.v1.json";

    public static JsonObject Valid() => JsonNode.Parse("""
        {
          "id": "ngc-controlled-access", "version": 1,
          "title": { "en": "Controlled access to NGC genome data", "da": "Kontrolleret adgang til NGC genomdata" },
          "steps": [
            { "id": "ethics", "type": "ethics-approval", "after": [], "when": { "datasetHasDuo": "DUO:0000021" },
              "assignTo": "data-stewards", "settings": { "minRemainingValidityDays": 30 } },
            { "id": "affiliation", "type": "institution-affiliation", "after": [], "assignTo": "data-stewards",
              "settings": { "automaticFromFederatedClaims": true } },
            { "id": "purpose", "type": "duo-match", "after": [] },
            { "id": "dac", "type": "dac-review", "after": ["ethics", "affiliation", "purpose"], "assignTo": "dataset-dac",
              "settings": { "approvalsRequired": 2, "chairDecides": true } },
            { "id": "terms", "type": "terms-accepted" }
          ],
          "grant": { "maxDays": 365, "endNoLaterThanEthicsApproval": true },
          "deadlines": { "decisionDays": 90, "pauseWhileReturned": true, "remindDaysBefore": 14 }
        }
        """)!.AsObject();

    public static JsonObject Step(this JsonObject workflow, string id) =>
        workflow["steps"]!.AsArray().Single(s => (string?)s!["id"] == id)!.AsObject();

    public static JsonObject Settings(this JsonObject workflow, string stepId) =>
        workflow.Step(stepId)["settings"]?.AsObject() ?? (JsonObject)(workflow.Step(stepId)["settings"] = new JsonObject());

    public static JsonObject With(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }

    public static IReadOnlyList<WorkflowProblem> Problems(this JsonObject workflow, string fileName = FileName) =>
        Problems(fileName, workflow.ToJsonString());

    public static IReadOnlyList<WorkflowProblem> Problems(string fileName, string json) =>
        WorkflowParser.Parse(fileName, json) switch
        {
            WorkflowParseResult.Invalid invalid => invalid.Problems,
            _ => [],
        };

    /// <summary>Exactly one problem, naming the file and saying <paramref name="message"/>.</summary>
    public static WorkflowProblem ShouldBeOne(this IReadOnlyList<WorkflowProblem> problems, string message, string fileName = FileName)
    {
        problems.Select(p => p.ToString()).ShouldBe([$"{fileName}: {message}"]);
        return problems[0];
    }
}
