namespace AccessRequests.Provisioning.Tests.Infrastructure;

/// <summary>A dataset root with a few datasets (a file and a subfolder each), an empty user root and a state folder.</summary>
public sealed class Sandbox : IDisposable
{
    public Sandbox(params string[] datasetIds)
    {
        Root = Directory.CreateTempSubdirectory("artest-provisioning-").FullName;
        DatasetRoot = Path.Combine(Root, "datasets");
        UserRoot = Path.Combine(Root, "users");
        StateDirectory = Path.Combine(Root, "state");
        Directory.CreateDirectory(UserRoot);
        foreach (var id in datasetIds)
        {
            Directory.CreateDirectory(Path.Combine(DatasetRoot, id, "vcf"));
            File.WriteAllText(Path.Combine(DatasetRoot, id, "README"), id);
            File.WriteAllText(Path.Combine(DatasetRoot, id, "vcf", "chr1.vcf"), "##fileformat=VCFv4.3");
        }
    }

    public string Root { get; }
    public string DatasetRoot { get; }
    public string UserRoot { get; }
    public string StateDirectory { get; }

    public string Dataset(string id) => Path.Combine(DatasetRoot, id);

    public string Link(string user, string datasetId) => Path.Combine(UserRoot, user, datasetId);

    public bool HasLink(string user, string datasetId) => new FileInfo(Link(user, datasetId)).LinkTarget == Dataset(datasetId);

    /// <summary>ACL entries naming <paramref name="user"/> on the dataset folder, a file and a subfolder inside it.</summary>
    public async Task<IReadOnlyList<string>> AclEntriesAsync(string user, string datasetId)
    {
        var dataset = Dataset(datasetId);
        var output = await Tool.RunAsync("getfacl", "-p", dataset, Path.Combine(dataset, "README"), Path.Combine(dataset, "vcf"));
        return output.Split('\n').Where(line => line.Contains($"user:{user}:", StringComparison.Ordinal)).ToList();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
