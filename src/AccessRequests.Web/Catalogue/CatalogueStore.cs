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
