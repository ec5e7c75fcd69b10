using System.Text.Json;
using AccessRequests.Domain.Catalogue;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Catalogue;

/// <summary>
/// Datasets, DACs and user roles: each change is an event in the entry's own stream, and the current definition is a
/// document written in the same transaction.
/// </summary>
public sealed class CatalogueStore(IEventStore store)
{
    public const string Datasets = "datasets";
    public const string Dacs = "dacs";
    public const string Roles = "roles";

    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public async Task<IReadOnlyList<Dataset>> ListDatasetsAsync(CancellationToken ct) =>
        [.. (await store.ListDocumentsAsync(Datasets, ct)).Select(j => JsonSerializer.Deserialize<Dataset>(j, Json)!)];

    public async Task<Dataset?> GetDatasetAsync(string id, CancellationToken ct) =>
        await store.GetDocumentAsync(Datasets, id, ct) is { } j ? JsonSerializer.Deserialize<Dataset>(j, Json) : null;

    public async Task<IReadOnlyList<Dac>> ListDacsAsync(CancellationToken ct) =>
        [.. (await store.ListDocumentsAsync(Dacs, ct)).Select(j => JsonSerializer.Deserialize<Dac>(j, Json)!)];

    public async Task<Dac?> GetDacAsync(string id, CancellationToken ct) =>
        await store.GetDocumentAsync(Dacs, id, ct) is { } j ? JsonSerializer.Deserialize<Dac>(j, Json) : null;

    /// <summary>The datasets and DACs as they were at one generation of the documents (see <see cref="DocumentsRead"/>).</summary>
    public sealed record Snapshot(long Generation, IReadOnlyDictionary<string, Dataset> Datasets, IReadOnlyDictionary<string, Dac> Dacs);

    /// <summary>The newest snapshot this process has read; replaced by a newer one, never changed.</summary>
    private Snapshot? snapshot;

    /// <summary>
    /// What makes a user an actor: the roles given to them (null: none), and the datasets and DACs as of now — one
    /// small read while the catalogue is unchanged, as the snapshot kept in memory is checked against the documents'
    /// generation read with the roles (and read again when it moved, whichever process changed it).
    /// </summary>
    public async Task<(UserRoles? Roles, Snapshot Catalogue)> ActorEntriesAsync(string userId, CancellationToken ct)
    {
        var read = await store.ReadDocumentsAsync([new DocumentKey(Roles, userId)], ct);
        var roles = read.Documents.Count > 0 ? JsonSerializer.Deserialize<UserRoles>(read.Documents[0].Json, Json) : null;
        return (roles, await SnapshotAsync(read.Generation, ct));
    }

    /// <summary>
    /// The newest datasets and DACs this process knows: within a request, as current as the check its actor's lookup
    /// made (<see cref="ActorEntriesAsync"/>) or newer; read from the database when there is no snapshot yet.
    /// </summary>
    public async Task<Snapshot> CurrentAsync(CancellationToken ct) => Volatile.Read(ref snapshot) ?? await SnapshotAsync(0, ct);

    /// <summary>The datasets of these ids that the catalogue has, in the order of <paramref name="ids"/> (see <see cref="CurrentAsync"/>).</summary>
    public async Task<IReadOnlyList<Dataset>> GetDatasetsAsync(IEnumerable<string> ids, CancellationToken ct) =>
        Pick((await CurrentAsync(ct)).Datasets, ids);

    /// <summary>The DACs of these ids that the catalogue has, in the order of <paramref name="ids"/> (see <see cref="CurrentAsync"/>).</summary>
    public async Task<IReadOnlyList<Dac>> GetDacsAsync(IEnumerable<string> ids, CancellationToken ct) =>
        Pick((await CurrentAsync(ct)).Dacs, ids);

    private static IReadOnlyList<T> Pick<T>(IReadOnlyDictionary<string, T> entries, IEnumerable<string> ids) =>
        [.. ids.Distinct(StringComparer.Ordinal).Where(entries.ContainsKey).Select(id => entries[id])];

    /// <summary>The kept snapshot when it is of <paramref name="generation"/> or newer, else a fresh one, kept unless a newer one came meanwhile.</summary>
    private async Task<Snapshot> SnapshotAsync(long generation, CancellationToken ct)
    {
        var kept = Volatile.Read(ref snapshot);
        if (kept is not null && kept.Generation >= generation)
        {
            return kept;
        }
        var read = await store.ReadDocumentsAsync([new DocumentKey(Datasets), new DocumentKey(Dacs)], ct);
        var fresh = new Snapshot(
            read.Generation,
            read.Documents.Where(d => d.Collection == Datasets).ToDictionary(d => d.Id, d => JsonSerializer.Deserialize<Dataset>(d.Json, Json)!, StringComparer.Ordinal),
            read.Documents.Where(d => d.Collection == Dacs).ToDictionary(d => d.Id, d => JsonSerializer.Deserialize<Dac>(d.Json, Json)!, StringComparer.Ordinal));
        while (true)
        {
            var current = Volatile.Read(ref snapshot);
            if (current is not null && current.Generation >= fresh.Generation)
            {
                return current;
            }
            if (Interlocked.CompareExchange(ref snapshot, fresh, current) == current)
            {
                return fresh;
            }
        }
    }

    /// <summary>
    /// Records a new definition. <paramref name="mustBeNew"/>: refuse when the entry exists (POST).
    /// Returns the stream's new version; throws <see cref="ConcurrencyException"/> when it changed meanwhile.
    /// </summary>
    public Task<long> SaveDatasetAsync(Dataset dataset, string actorId, DateTimeOffset now, bool mustBeNew, CancellationToken ct) =>
        SaveAsync(Datasets, dataset.Id, CatalogueEvent.DatasetDefinedName, new CatalogueEvent.DatasetDefined(actorId, now, dataset), dataset, mustBeNew, ct);

    public Task<long> SaveDacAsync(Dac dac, string actorId, DateTimeOffset now, bool mustBeNew, CancellationToken ct) =>
        SaveAsync(Dacs, dac.Id, CatalogueEvent.DacDefinedName, new CatalogueEvent.DacDefined(actorId, now, dac), dac, mustBeNew, ct);

    public async Task<IReadOnlyList<UserRoles>> ListRolesAsync(CancellationToken ct) =>
        [.. (await store.ListDocumentsAsync(Roles, ct)).Select(j => JsonSerializer.Deserialize<UserRoles>(j, Json)!)];

    public async Task<UserRoles?> GetRolesAsync(string userId, CancellationToken ct) =>
        await store.GetDocumentAsync(Roles, userId, ct) is { } j ? JsonSerializer.Deserialize<UserRoles>(j, Json) : null;

    public Task<long> SaveRolesAsync(UserRoles roles, string actorId, DateTimeOffset now, CancellationToken ct) =>
        SaveAsync(Roles, roles.UserId, CatalogueEvent.RolesDefinedName, new CatalogueEvent.RolesDefined(actorId, now, roles), roles, mustBeNew: false, ct);

    public static string StreamId(string collection, string id) => $"{collection}-{id}";

    private async Task<long> SaveAsync<TEvent, TDoc>(
        string collection, string id, string eventType, TEvent @event, TDoc document, bool mustBeNew, CancellationToken ct)
    {
        var streamId = StreamId(collection, id);
        var current = await store.ReadStreamAsync(streamId, ct);
        if (mustBeNew && current.Version > 0)
        {
            throw new ConcurrencyException(streamId, 0);
        }
        var data = new EventData(Guid.CreateVersion7(), eventType, JsonSerializer.Serialize(@event, Json), "{}");
        var versions = await store.AppendAsync(
            [new StreamAppend(streamId, collection, current.Version, [data])],
            [new ReadModelWrite.UpsertDocument(collection, id, JsonSerializer.Serialize(document, Json))],
            ct);
        return versions[0];
    }

    /// <summary>The document a catalogue stream ends in, for read-model rebuilds.</summary>
    public static ReadModelWrite? Project(IReadOnlyList<RecordedEvent> stream)
    {
        var last = stream[^1];
        return last.Type switch
        {
            CatalogueEvent.DatasetDefinedName when Deserialize<CatalogueEvent.DatasetDefined>(last).Dataset is var d =>
                new ReadModelWrite.UpsertDocument(Datasets, d.Id, JsonSerializer.Serialize(d, Json)),
            CatalogueEvent.DacDefinedName when Deserialize<CatalogueEvent.DacDefined>(last).Dac is var d =>
                new ReadModelWrite.UpsertDocument(Dacs, d.Id, JsonSerializer.Serialize(d, Json)),
            CatalogueEvent.RolesDefinedName when Deserialize<CatalogueEvent.RolesDefined>(last).Roles is var r =>
                new ReadModelWrite.UpsertDocument(Roles, r.UserId, JsonSerializer.Serialize(r, Json)),
            _ => null,
        };
    }

    private static T Deserialize<T>(RecordedEvent e) => JsonSerializer.Deserialize<T>(e.Data, Json)!;
}
