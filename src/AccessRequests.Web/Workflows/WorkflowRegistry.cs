using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Web.Workflows;

/// <summary>
/// The workflow files the service was started with, each kept with its text so an application can pin it.
/// Loading refuses the whole set when any file is invalid, naming the file and the problem.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, PinnedWorkflow> texts;

    private WorkflowRegistry(WorkflowCatalog catalog, Dictionary<string, PinnedWorkflow> texts)
    {
        Catalog = catalog;
        this.texts = texts;
    }

    public WorkflowCatalog Catalog { get; }

    public sealed class InvalidWorkflowsException(string message) : Exception(message);

    public static WorkflowRegistry Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidWorkflowsException($"The workflow folder '{directory}' does not exist (AccessRequests:Workflows:Directory).");
        }
        var files = Directory.GetFiles(directory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new WorkflowFile(Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();
        var catalog = WorkflowCatalog.Load(files);
        if (!catalog.IsValid)
        {
            throw new InvalidWorkflowsException(
                "Invalid workflow files; the service does not start until they are fixed:" + Environment.NewLine
                + string.Join(Environment.NewLine, catalog.Problems.Select(p => "  " + p)));
        }
        var texts = catalog.Definitions.ToDictionary(
            d => ApplicationState.WorkflowKey(d.Id, d.Version),
            d => new PinnedWorkflow(d.Id, d.Version, files.Single(f => f.FileName == d.FileName).Json));
        return new WorkflowRegistry(catalog, texts);
    }

    public WorkflowDefinition? Latest(string id) => Catalog.Latest(id);

    /// <summary>The newest version of <paramref name="id"/>, as an application pins it at submit.</summary>
    public PinnedWorkflow? PinLatest(string id) =>
        Latest(id) is { } d ? texts[ApplicationState.WorkflowKey(d.Id, d.Version)] : null;
}
