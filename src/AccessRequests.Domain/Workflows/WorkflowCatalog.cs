namespace AccessRequests.Domain.Workflows;

/// <summary>One workflow file as read from disk (the host reads; the Domain only looks at the text).</summary>
public sealed record WorkflowFile(string FileName, string Json);

/// <summary>
/// All workflow files together. The host refuses to start when <see cref="Problems"/> is not empty; each problem
/// names its file. <see cref="Definitions"/> holds only the files without problems.
/// </summary>
public sealed record WorkflowCatalog(IReadOnlyList<WorkflowDefinition> Definitions, IReadOnlyList<WorkflowProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public WorkflowDefinition? Find(string id, int version) =>
        Definitions.FirstOrDefault(d => d.Id == id && d.Version == version);

    /// <summary>The newest version of a workflow: the one a new submission pins.</summary>
    public WorkflowDefinition? Latest(string id) =>
        Definitions.Where(d => d.Id == id).MaxBy(d => d.Version);

    public static WorkflowCatalog Load(IEnumerable<WorkflowFile> files)
    {
        var parsed = new List<(string FileName, WorkflowDefinition Definition)>();
        var problems = new List<WorkflowProblem>();
        foreach (var file in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            switch (WorkflowParser.Parse(file.FileName, file.Json))
            {
                case WorkflowParseResult.Valid valid:
                    parsed.Add((file.FileName, valid.Definition));
                    break;
                case WorkflowParseResult.Invalid invalid:
                    problems.AddRange(invalid.Problems);
                    break;
            }
        }

        problems.AddRange(Validate(parsed));
        var refused = problems.Select(p => p.File).ToHashSet();
        return new WorkflowCatalog(parsed.Where(p => !refused.Contains(p.FileName)).Select(p => p.Definition).ToList(), problems);
    }

    /// <summary>Rules across files: the file name says id and version; no (id, version) is defined twice.</summary>
    public static IReadOnlyList<WorkflowProblem> Validate(IEnumerable<(string FileName, WorkflowDefinition Definition)> files)
    {
        var problems = new List<WorkflowProblem>();
        var owners = new Dictionary<(string, int), string>();
        foreach (var (fileName, definition) in files)
        {
            var name = Path.GetFileName(fileName);
            if (!string.Equals(name, definition.FileName, StringComparison.Ordinal))
            {
                problems.Add(new WorkflowProblem(fileName, "",
                    $"the file must be named \"{definition.FileName}\" after its id \"{definition.Id}\" and version {definition.Version}"));
            }

            if (!owners.TryAdd((definition.Id, definition.Version), fileName))
            {
                problems.Add(new WorkflowProblem(fileName, "",
                    $"workflow \"{definition.Id}\" version {definition.Version} is also defined in {owners[(definition.Id, definition.Version)]}"));
            }
        }

        return problems;
    }
}
