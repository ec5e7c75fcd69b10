using AccessRequests.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning;

/// <summary>
/// Applies grant messages and reconciliation to the file system of this location, one at a time.
/// A message is recorded as processed only after its commands succeeded, and before the consumer returns
/// (so before the broker is acknowledged): a crash in between means a redelivery, whose commands are idempotent.
/// </summary>
public sealed class Provisioner(
    IOptions<ProvisioningOptions> options,
    StateStore store,
    ICommandRunner runner,
    TimeProvider clock,
    ILogger<Provisioner> log)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ProvisioningOptions settings = options.Value;
    private readonly AccessCommands commands = new(Path.GetFullPath(options.Value.DatasetRoot), Path.GetFullPath(options.Value.UserRoot));

    public async Task GrantAsync(AccessGranted message, Guid? messageId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var state = store.Load();
            if (AlreadyProcessed(state, messageId, message.GrantId)) return;
            var outcome = await OpenAsync(state, message, cancellationToken);
            Record(state, messageId, outcome);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task RevokeAsync(AccessRevoked message, Guid? messageId, CancellationToken cancellationToken) =>
        EndAsync(message.GrantId, message.UserId, message.DatasetId, message.Location, message.RevokedAt, $"revoked: {message.Reason}", messageId, cancellationToken);

    public Task ExpireAsync(AccessExpired message, Guid? messageId, CancellationToken cancellationToken) =>
        EndAsync(message.GrantId, message.UserId, message.DatasetId, message.Location, message.ExpiredAt, "expired", messageId, cancellationToken);

    /// <summary>
    /// Makes the file system match the grants the service reports active for this location: opens what is missing and
    /// closes every link under the user root (and its ACLs) that no active grant accounts for.
    /// <paramref name="asOf"/> is when the list was fetched: grants recorded from messages after that are left alone.
    /// </summary>
    public async Task ReconcileAsync(IReadOnlyList<GrantView> grants, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var state = store.Load();
            var now = clock.GetUtcNow();
            var wanted = new Dictionary<Guid, ActiveGrant>();
            foreach (var grant in grants)
            {
                if (grant.Location != settings.Location || grant.Status != "active" || grant.ValidUntil <= now || state.Ended.ContainsKey(grant.GrantId))
                    continue;
                if (!TryResolve(grant.UserId, grant.DatasetId, out var localUser, out var problem))
                {
                    log.LogError("Reconciliation: grant {GrantId} is not applied: {Problem}", grant.GrantId, problem);
                    continue;
                }
                wanted[grant.GrantId] = new ActiveGrant(localUser, grant.DatasetId, grant.ValidUntil, now);
            }
            foreach (var (grantId, grant) in state.Active)
            {
                if (grant.RecordedAt > asOf) wanted.TryAdd(grantId, grant);
            }

            var keep = wanted.Values.Select(g => (g.LocalUser, g.DatasetId)).ToHashSet();
            foreach (var (localUser, datasetId) in keep)
            {
                if (!Directory.Exists(commands.DatasetFolder(datasetId)))
                {
                    log.LogError("Reconciliation: dataset folder {Folder} does not exist; access for {User} not opened", commands.DatasetFolder(datasetId), localUser);
                    continue;
                }
                await RunAllOrLogAsync(commands.Open(localUser, datasetId), cancellationToken);
            }
            foreach (var (localUser, datasetId) in ExistingLinks().Where(link => !keep.Contains(link)).ToList())
            {
                log.LogInformation("Reconciliation: closing access of {User} to {Dataset}: no active grant", localUser, datasetId);
                await RunAllOrLogAsync(commands.Close(localUser, datasetId), cancellationToken);
            }

            state.Active.Clear();
            foreach (var (grantId, grant) in wanted) state.Active[grantId] = grant;
            store.Save(state);
            log.LogInformation("Reconciliation for {Location}: {Open} accesses open", settings.Location, keep.Count);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> OpenAsync(ProvisioningState state, AccessGranted message, CancellationToken cancellationToken)
    {
        if (message.Location != settings.Location) return Ignored($"grant {message.GrantId} is for location {message.Location}");
        if (state.Ended.ContainsKey(message.GrantId)) return Ignored($"grant {message.GrantId} has already ended");
        var now = clock.GetUtcNow();
        if (message.ValidUntil <= now) return Ignored($"grant {message.GrantId} ended at {message.ValidUntil:O}");
        if (!TryResolve(message.UserId, message.DatasetId, out var localUser, out var problem))
        {
            log.LogError("Grant {GrantId} is not applied: {Problem}", message.GrantId, problem);
            return $"failed: {problem}";
        }
        var folder = commands.DatasetFolder(message.DatasetId);
        // Transient for all we know (storage not mounted yet): fail, so the message is retried and then parked.
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Dataset folder {folder} does not exist.");
        if (message.ValidFrom > now)
            log.LogWarning("Grant {GrantId} starts at {ValidFrom:O}; access is opened now", message.GrantId, message.ValidFrom);

        await RunAllAsync(commands.Open(localUser, message.DatasetId), cancellationToken);
        state.Active[message.GrantId] = new ActiveGrant(localUser, message.DatasetId, message.ValidUntil, now);
        log.LogInformation("Opened {Dataset} to {User} for grant {GrantId}", message.DatasetId, localUser, message.GrantId);
        return "applied";
    }

    private async Task EndAsync(Guid grantId, string userId, string datasetId, string location, DateTimeOffset at, string why,
        Guid? messageId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var state = store.Load();
            if (AlreadyProcessed(state, messageId, grantId)) return;
            string outcome;
            if (location != settings.Location)
            {
                outcome = Ignored($"grant {grantId} is for location {location}");
            }
            else
            {
                // Recorded even when the grant was never seen: it may arrive late and must then open nothing.
                state.Ended[grantId] = at;
                state.Active.Remove(grantId);
                outcome = await CloseAsync(state, grantId, userId, datasetId, why, cancellationToken);
            }
            Record(state, messageId, outcome);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> CloseAsync(ProvisioningState state, Guid grantId, string userId, string datasetId, string why, CancellationToken cancellationToken)
    {
        if (!TryResolve(userId, datasetId, out var localUser, out var problem))
        {
            log.LogError("End of grant {GrantId} is not applied: {Problem}", grantId, problem);
            return $"failed: {problem}";
        }
        if (state.Active.Values.Any(g => g.LocalUser == localUser && g.DatasetId == datasetId))
        {
            log.LogInformation("Grant {GrantId} {Why}; {User} keeps {Dataset} through another grant", grantId, why, localUser, datasetId);
            return "applied";
        }
        await RunAllAsync(commands.Close(localUser, datasetId), cancellationToken);
        log.LogInformation("Closed {Dataset} to {User}: grant {GrantId} {Why}", datasetId, localUser, grantId, why);
        return "applied";
    }

    private bool AlreadyProcessed(ProvisioningState state, Guid? messageId, Guid grantId)
    {
        if (messageId is not { } id || !state.Processed.TryGetValue(id, out var outcome)) return false;
        log.LogInformation("Message {MessageId} for grant {GrantId} was processed before ({Outcome}); nothing to do", id, grantId, outcome);
        return true;
    }

    private void Record(ProvisioningState state, Guid? messageId, string outcome)
    {
        if (messageId is { } id) state.Processed[id] = outcome;
        else log.LogWarning("A message without a message id cannot be recognised when redelivered");
        store.Save(state);
    }

    private string Ignored(string why)
    {
        log.LogInformation("Nothing to do: {Why}", why);
        return $"ignored: {why}";
    }

    private bool TryResolve(string userId, string datasetId, out string localUser, out string problem)
    {
        localUser = "";
        problem = "";
        if (!LocalUserNames.TryMap(userId, settings.UserNameMap, out var mapped))
        {
            problem = $"user id '{userId}' has no valid local user name (map it in {ProvisioningOptions.SectionName}:UserNameMap)";
            return false;
        }
        if (!DatasetIds.IsValid(datasetId))
        {
            problem = $"dataset id '{datasetId}' is not a valid folder name";
            return false;
        }
        localUser = mapped;
        return true;
    }

    private async Task RunAllAsync(IReadOnlyList<HostCommand> list, CancellationToken cancellationToken)
    {
        foreach (var command in list) await runner.RunAsync(command, cancellationToken);
    }

    /// <summary>Reconciliation goes on with the other accesses when one fails; the next start tries again.</summary>
    private async Task RunAllOrLogAsync(IReadOnlyList<HostCommand> list, CancellationToken cancellationToken)
    {
        try
        {
            await RunAllAsync(list, cancellationToken);
        }
        catch (CommandFailedException e)
        {
            log.LogError(e, "Reconciliation: {Command} failed", e.Command);
        }
    }

    /// <summary>(user, dataset) of every symlink <c>UserRoot/user/dataset</c> that points at <c>DatasetRoot/dataset</c>.</summary>
    private IEnumerable<(string LocalUser, string DatasetId)> ExistingLinks()
    {
        if (!Directory.Exists(settings.UserRoot)) yield break;
        foreach (var userFolder in Directory.EnumerateDirectories(settings.UserRoot))
        {
            var localUser = Path.GetFileName(userFolder);
            if (!LocalUserNames.IsValid(localUser) || new DirectoryInfo(userFolder).LinkTarget is not null) continue;
            foreach (var entry in Directory.EnumerateFileSystemEntries(userFolder))
            {
                var datasetId = Path.GetFileName(entry);
                var target = new FileInfo(entry).LinkTarget;
                if (target is null || !DatasetIds.IsValid(datasetId)) continue;
                if (Path.TrimEndingDirectorySeparator(target) == commands.DatasetFolder(datasetId)) yield return (localUser, datasetId);
            }
        }
    }
}
