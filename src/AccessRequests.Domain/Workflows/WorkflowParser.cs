using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccessRequests.Domain.Workflows;

/// <summary>Reads one workflow file (DESIGN §5) and reports every problem in it, each naming the file.</summary>
public static partial class WorkflowParser
{
    public const string IdPattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    private static readonly string[] TopLevelKeys = ["$schema", "id", "version", "title", "decision", "steps", "grant", "deadlines"];
    private static readonly string[] TitleKeys = ["en", "da"];
    private static readonly string[] GrantKeys = ["maxDays", "endNoLaterThanEthicsApproval"];
    private static readonly string[] DeadlineKeys = ["decisionDays", "pauseWhileReturned", "remindDaysBefore", "completionDays"];
    private static readonly string[] DecisionModes = ["committee", "automatic"];

    public static WorkflowParseResult Parse(string fileName, string json)
    {
        var problems = new FileProblems(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            // System.Text.Json appends its own zero-based " LineNumber: 0 | BytePositionInLine: 30."; people count from 1.
            var reason = e.Message.Split(" LineNumber:")[0];
            problems.Add("", $"invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {reason}");
            return new WorkflowParseResult.Invalid(problems.All);
        }

        using (document)
        {
            var definition = document.RootElement.ValueKind == JsonValueKind.Object
                ? Read(new JsonFields(problems, document.RootElement, ""), problems)
                : null;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                problems.Add("", $"the file must hold one JSON object, not {JsonFields.Show(document.RootElement)}");
            return problems.All.Count == 0 && definition is not null
                ? new WorkflowParseResult.Valid(definition)
                : new WorkflowParseResult.Invalid(problems.All);
        }
    }

    /// <summary>Checks that a string is a valid workflow or step id.</summary>
    public static bool IsValidId(string id) => IdFormat().IsMatch(id);

    private static WorkflowDefinition? Read(JsonFields root, FileProblems problems)
    {
        root.OnlyKeys(TopLevelKeys);
        var id = Identifier(root, "id");
        var version = root.Int("version", required: true, min: 1, max: int.MaxValue);
        var title = ReadTitle(root.Object("title", required: true));
        var decision = ReadDecision(root);
        var steps = StepReader.ReadAll(root.Array("steps", required: true), root, problems);
        var grant = ReadGrant(root.Object("grant", required: true, "grant: "));
        var deadlines = ReadDeadlines(root.Object("deadlines", required: true, "deadlines: "));

        if (steps is not null && decision is { } mode)
            CheckDecision(root, mode, steps);

        return id is null || version is null || title is null || decision is null || steps is null || grant is null || deadlines is null
            ? null
            : new WorkflowDefinition(id, version.Value, title, decision.Value, steps, grant, deadlines);
    }

    internal static string? Identifier(JsonFields fields, string key)
    {
        var id = fields.String(key, required: true);
        if (id is null || IsValidId(id))
            return id;
        fields.Problem(key, $"\"{key}\" must match {IdPattern} (lower-case letters, digits and hyphens), not \"{id}\"");
        return null;
    }

    private static LocalizedText? ReadTitle(JsonFields? title)
    {
        if (title is null)
            return null;
        title.OnlyKeys(TitleKeys, "unknown title language \"{0}\" (the title has \"en\" and \"da\")");
        var en = Text(title, "en");
        var da = Text(title, "da");
        return en is null || da is null ? null : new LocalizedText(en, da);
    }

    private static string? Text(JsonFields title, string language)
    {
        if (title.String(language, required: false) is { } text)
            return text;
        title.ProblemHere($"\"title\" has no \"{language}\" text (titles need English and Danish)");
        return null;
    }

    private static DecisionMode? ReadDecision(JsonFields root)
    {
        switch (root.String("decision", required: false))
        {
            case null or "committee":
                return DecisionMode.Committee;
            case "automatic":
                return DecisionMode.Automatic;
            case var other:
                root.Problem("decision", $"\"decision\" must be one of {string.Join(", ", DecisionModes)}, not \"{other}\"");
                return null;
        }
    }

    private static void CheckDecision(JsonFields root, DecisionMode mode, IReadOnlyList<WorkflowStep> steps)
    {
        var reviews = steps.Where(s => s.Type == StepTypes.DacReview).Select(s => s.Id).ToList();
        if (mode == DecisionMode.Automatic && reviews.Count > 0)
            root.Problem("decision", $"\"decision\" is \"automatic\" but step \"{reviews[0]}\" is a dac-review; remove one of them");
        if (mode == DecisionMode.Committee && reviews.Count == 0)
            root.Problem("decision", "no step is a dac-review, so no one would decide; add one or set \"decision\": \"automatic\"");
    }

    private static GrantPolicy? ReadGrant(JsonFields? grant)
    {
        if (grant is null)
            return null;
        grant.OnlyKeys(GrantKeys);
        var maxDays = grant.Int("maxDays", required: true, min: 1, max: 36500);
        var endWithEthics = grant.Bool("endNoLaterThanEthicsApproval", required: false) ?? false;
        return maxDays is null ? null : new GrantPolicy(maxDays.Value, endWithEthics);
    }

    private static DeadlinePolicy? ReadDeadlines(JsonFields? deadlines)
    {
        if (deadlines is null)
            return null;
        deadlines.OnlyKeys(DeadlineKeys);
        var decisionDays = deadlines.Int("decisionDays", required: true, min: 1, max: 3650);
        var pause = deadlines.Bool("pauseWhileReturned", required: false) ?? true;
        var remind = deadlines.Int("remindDaysBefore", required: false, min: 1, max: 3650);
        var completion = deadlines.Int("completionDays", required: false, min: 1, max: 3650);
        if (remind >= decisionDays)
            deadlines.Problem("remindDaysBefore", $"\"remindDaysBefore\" ({remind}) must be less than \"decisionDays\" ({decisionDays})");
        return decisionDays is null ? null : new DeadlinePolicy(decisionDays.Value, pause, remind, completion);
    }

    [GeneratedRegex(IdPattern)]
    private static partial Regex IdFormat();
}
