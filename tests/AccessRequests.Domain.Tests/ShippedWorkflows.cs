namespace AccessRequests.Domain.Tests;

/// <summary>The workflow files in the repository's workflows/ folder, as an application pins them at submit.</summary>
internal static class ShippedWorkflows
{
    public static readonly PinnedWorkflow Ngc = Pin("ngc-controlled-access", 1);
    public static readonly PinnedWorkflow Registered = Pin("registered-access", 1);
    public static readonly PinnedWorkflow Ehds = Pin("ehds-data-permit", 1);

    /// <summary>The workflows the policies name, each once, as submit pins them.</summary>
    public static PinnedWorkflow[] For(IEnumerable<DatasetPolicy> policies) =>
        [.. policies.Select(p => (p.WorkflowId, p.WorkflowVersion)).Distinct().Select(w => All.Single(a => a.Id == w.WorkflowId && a.Version == w.WorkflowVersion))];

    private static PinnedWorkflow[] All => [Ngc, Registered, Ehds];

    public static string Folder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AccessRequests.sln")))
                return Path.Combine(folder.FullName, "workflows");
        }

        throw new DirectoryNotFoundException($"no AccessRequests.sln above {AppContext.BaseDirectory}");
    }

    private static PinnedWorkflow Pin(string id, int version) =>
        new(id, version, File.ReadAllText(Path.Combine(Folder(), $"{id}.v{version}.json")));
}
