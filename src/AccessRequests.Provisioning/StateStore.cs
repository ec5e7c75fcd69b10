using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning;

/// <summary>What the worker remembers between messages and restarts.</summary>
public sealed record ProvisioningState
{
    /// <summary>Message id → outcome (<c>applied</c>, <c>ignored</c>, <c>failed: ...</c>): a redelivery is a no-op.</summary>
    public Dictionary<Guid, string> Processed { get; init; } = [];

    /// <summary>Revoked or expired grants: a late AccessGranted for one of them opens nothing.</summary>
    public Dictionary<Guid, DateTimeOffset> Ended { get; init; } = [];

    /// <summary>Grants whose access is open, so that ending one of two grants for the same user and dataset keeps the access.</summary>
    public Dictionary<Guid, ActiveGrant> Active { get; init; } = [];
}

public sealed record ActiveGrant(string LocalUser, string DatasetId, DateTimeOffset ValidUntil, DateTimeOffset RecordedAt);

/// <summary>
/// A small JSON file in the state directory, replaced atomically (write a temporary file, flush it to disk, rename).
/// Dry-run mode keeps its own file, so a rehearsal never marks a message as done for the real worker.
/// Not thread-safe: <see cref="Provisioner"/> serialises all access.
/// </summary>
public sealed class StateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string path;
    private ProvisioningState? state;

    public StateStore(IOptions<ProvisioningOptions> options)
    {
        var o = options.Value;
        path = Path.Combine(o.StateDirectory, o.DryRun ? "state.dry-run.json" : "state.json");
    }

    public string FilePath => path;

    public ProvisioningState Load()
    {
        if (state is not null) return state;
        if (!File.Exists(path)) return state = new ProvisioningState();
        using var stream = File.OpenRead(path);
        return state = JsonSerializer.Deserialize<ProvisioningState>(stream, Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Writes the state changed in place since <see cref="Load"/>; when that fails, the next load reads the file again.</summary>
    public void Save(ProvisioningState changed)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, changed, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            state = changed;
        }
        catch
        {
            state = null;
            throw;
        }
    }
}
