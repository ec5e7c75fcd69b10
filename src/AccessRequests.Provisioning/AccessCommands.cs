namespace AccessRequests.Provisioning;

/// <summary>
/// The commands that open and close one user's access to one dataset. Each is idempotent, so running a list twice
/// is harmless. The symlink marks that access may exist: it is made before the ACLs and removed after them, so a
/// crash halfway leaves a link that reconciliation finds.
/// </summary>
public sealed record AccessCommands(string DatasetRoot, string UserRoot)
{
    public string DatasetFolder(string datasetId) => Path.Combine(DatasetRoot, datasetId);

    public string UserFolder(string localUser) => Path.Combine(UserRoot, localUser);

    public string Link(string localUser, string datasetId) => Path.Combine(UserRoot, localUser, datasetId);

    public IReadOnlyList<HostCommand> Open(string localUser, string datasetId)
    {
        var dataset = DatasetFolder(datasetId);
        return
        [
            new("mkdir", "-p", "--", UserFolder(localUser)),
            // -T: never create a link inside an existing directory; -f -n: replace an existing link.
            new("ln", "-sfnT", "--", dataset, Link(localUser, datasetId)),
            new("setfacl", "-R", "-m", $"u:{localUser}:rX", "--", dataset),
            new("setfacl", "-R", "-d", "-m", $"u:{localUser}:rX", "--", dataset),
        ];
    }

    public IReadOnlyList<HostCommand> Close(string localUser, string datasetId)
    {
        var dataset = DatasetFolder(datasetId);
        return
        [
            new("setfacl", "-R", "-x", $"u:{localUser}", "--", dataset),
            new("setfacl", "-R", "-d", "-x", $"u:{localUser}", "--", dataset),
            // Without -r: a real directory in place of the link is refused, never deleted.
            new("rm", "-f", "--", Link(localUser, datasetId)),
        ];
    }
}
