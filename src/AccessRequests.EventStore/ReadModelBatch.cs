using System.Data.Common;

namespace AccessRequests.EventStore;

/// <summary>
/// Collects read-model writes and applies them with few statements: the last write to a row wins (each write
/// replaces the whole row, so nothing is lost by dropping earlier ones), and rows go in multi-row statements.
/// </summary>
internal sealed class ReadModelBatch(SqlDialect dialect)
{
    private readonly Dictionary<Guid, ApplicationRow> applications = [];
    private readonly Dictionary<(string Collection, string Id), string?> documents = []; // null: delete
    private readonly Dictionary<string, ScheduledTimer?> timers = new(StringComparer.Ordinal); // null: cancel
    private readonly Dictionary<Guid, GrantRow> grants = [];
    private readonly Dictionary<Guid, List<Guid>> grantIdsByApplication = []; // may name grants since moved or dropped
    private readonly HashSet<Guid> grantsDeletedOfApplications = [];

    public int Count => applications.Count + documents.Count + timers.Count + grants.Count + grantsDeletedOfApplications.Count;

    public void Add(ReadModelWrite write)
    {
        switch (write)
        {
            case ReadModelWrite.UpsertApplication(var row):
                applications[row.Id] = row;
                break;
            case ReadModelWrite.UpsertDocument(var collection, var id, var json):
                documents[(collection, id)] = json;
                break;
            case ReadModelWrite.DeleteDocument(var collection, var id):
                documents[(collection, id)] = null;
                break;
            case ReadModelWrite.ScheduleTimer(var timer):
                ArgumentNullException.ThrowIfNull(timer);
                timers[timer.Id] = timer;
                break;
            case ReadModelWrite.CancelTimer(var id):
                ArgumentNullException.ThrowIfNull(id);
                timers[id] = null;
                break;
            case ReadModelWrite.UpsertGrant(var row):
                ArgumentNullException.ThrowIfNull(row);
                grants[row.GrantId] = row;
                if (!grantIdsByApplication.TryGetValue(row.ApplicationId, out var ids))
                {
                    grantIdsByApplication[row.ApplicationId] = ids = [];
                }
                ids.Add(row.GrantId);
                break;
            case ReadModelWrite.DeleteGrantsOfApplication(var applicationId):
                // The deletes are flushed before the upserts, so an upsert that came before this delete is dropped
                // here: in the list's order the delete would have removed its row.
                if (grantIdsByApplication.Remove(applicationId, out var earlier))
                {
                    foreach (var grantId in earlier)
                    {
                        if (grants.TryGetValue(grantId, out var pending) && pending.ApplicationId == applicationId)
                        {
                            grants.Remove(grantId);
                        }
                    }
                }
                grantsDeletedOfApplications.Add(applicationId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, "Unknown read-model write.");
        }
    }

    /// <summary>The statement that tells document caches their copies are out of date (see <see cref="DocumentsRead"/>).</summary>
    public const string NextDocumentsGeneration = "UPDATE documents_generation SET generation = generation + 1 WHERE id = 1";

    /// <summary>Applies the writes collected so far in the caller's transaction and forgets them.</summary>
    public async Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var sql = new SqlBatch(dialect);
        WriteTo(sql);
        await sql.ExecuteAsync(connection, transaction, ct);
    }

    /// <summary>Adds the statements for the writes collected so far to <paramref name="sql"/> and forgets them.</summary>
    public void WriteTo(SqlBatch sql)
    {
        // Rows go in key order, so concurrent transactions lock them in the same order and cannot deadlock.
        var rows = applications.Values.OrderBy(row => row.Id);
        foreach (var chunk in Chunk(rows, row => 11 + (3 * row.Participants.Count)))
        {
            WriteApplications(sql, chunk);
        }

        var ordered = documents
            .OrderBy(d => d.Key.Collection, StringComparer.Ordinal)
            .ThenBy(d => d.Key.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var chunk in Chunk(ordered.Where(d => d.Value is not null), _ => 3))
        {
            UpsertDocuments(sql, chunk);
        }
        foreach (var chunk in Chunk(ordered.Where(d => d.Value is null), _ => 2))
        {
            DeleteDocuments(sql, chunk);
        }
        if (ordered.Count > 0)
        {
            sql.Add(NextDocumentsGeneration);
        }

        var orderedTimers = timers.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        foreach (var chunk in Chunk(orderedTimers.Select(t => t.Value).OfType<ScheduledTimer>(), _ => 5))
        {
            UpsertTimers(sql, chunk);
        }
        foreach (var chunk in Chunk(orderedTimers.Where(t => t.Value is null).Select(t => t.Key), _ => 1))
        {
            sql.Add($"DELETE FROM timers WHERE id IN ({string.Join(", ", chunk.Select(sql.Param))})");
        }

        foreach (var chunk in Chunk(grantsDeletedOfApplications.Order(), _ => 1))
        {
            sql.Add($"DELETE FROM grants WHERE application_id IN ({string.Join(", ", chunk.Select(id => sql.Param(dialect.Uuid(id))))})");
        }
        foreach (var chunk in Chunk(grants.Values.OrderBy(g => g.GrantId), _ => 11))
        {
            UpsertGrants(sql, chunk);
        }

        applications.Clear();
        documents.Clear();
        timers.Clear();
        grants.Clear();
        grantIdsByApplication.Clear();
        grantsDeletedOfApplications.Clear();
    }

    private void WriteApplications(SqlBatch sql, List<ApplicationRow> rows)
    {
        // "Replaces the row and its participants": the old participant rows go first.
        sql.Add($"DELETE FROM application_participants WHERE application_id IN ({string.Join(", ", rows.Select(row => sql.Param(dialect.Uuid(row.Id))))})");

        var values = string.Join(", ", rows.Select(row =>
            $"({sql.Param(dialect.Uuid(row.Id))}, {sql.Param(row.ApplicantId)}, {sql.Param(row.Status)}, {sql.Param(row.Title)}, "
            + $"{sql.Param(row.Version)}, {sql.Param(dialect.Time(row.CreatedAt))}, {sql.Param(dialect.Time(row.UpdatedAt))}, "
            + $"{sql.Param(dialect.Time(row.SubmittedAt))}, {sql.Param(dialect.Time(row.Deadline))}, {sql.Param(row.Detail)})"));
        sql.Add($"""
            INSERT INTO applications
                (id, applicant_id, status, title, version, created_at, updated_at, submitted_at, deadline, detail)
            VALUES {values}
            ON CONFLICT (id) DO UPDATE SET
                applicant_id = excluded.applicant_id, status = excluded.status, title = excluded.title,
                version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,
                submitted_at = excluded.submitted_at, deadline = excluded.deadline, detail = excluded.detail
            """);

        var participants = rows
            .SelectMany(row => row.Participants.Distinct().Select(p =>
                $"({sql.Param(dialect.Uuid(row.Id))}, {sql.Param(p.UserId)}, {sql.Param(p.Relation)})"))
            .ToList();
        if (participants.Count > 0)
        {
            sql.Add($"INSERT INTO application_participants (application_id, user_id, relation) VALUES {string.Join(", ", participants)}");
        }
    }

    private void UpsertDocuments(SqlBatch sql, List<KeyValuePair<(string Collection, string Id), string?>> chunk)
    {
        var values = string.Join(", ", chunk.Select(d =>
            $"({sql.Param(d.Key.Collection)}, {sql.Param(d.Key.Id)}, {dialect.Json(sql.Param(d.Value))})"));
        sql.Add($"""
            INSERT INTO documents (collection, id, json) VALUES {values}
            ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json
            """);
    }

    private static void DeleteDocuments(SqlBatch sql, List<KeyValuePair<(string Collection, string Id), string?>> chunk)
    {
        var keys = string.Join(" OR ", chunk.Select(d => $"(collection = {sql.Param(d.Key.Collection)} AND id = {sql.Param(d.Key.Id)})"));
        sql.Add($"DELETE FROM documents WHERE {keys}");
    }

    private void UpsertTimers(SqlBatch sql, List<ScheduledTimer> chunk)
    {
        var values = string.Join(", ", chunk.Select(t =>
            $"({sql.Param(t.Id)}, {sql.Param(t.StreamId)}, {sql.Param(t.Kind)}, {sql.Param(dialect.Time(t.DueAt))}, {dialect.Json(sql.Param(t.Payload))}, NULL)"));
        // The lease survives only an identical schedule: projections may well schedule the same timer on every
        // append, and that must not let a second instance claim a timer that is being handled. Any change ends it,
        // so the moved timer is claimable as soon as it is due.
        sql.Add($"""
            INSERT INTO timers (id, stream_id, kind, due_at, payload, leased_until) VALUES {values}
            ON CONFLICT (id) DO UPDATE SET
                stream_id = excluded.stream_id, kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload,
                leased_until = CASE
                    WHEN timers.stream_id = excluded.stream_id AND timers.kind = excluded.kind
                        AND timers.due_at = excluded.due_at AND timers.payload = excluded.payload
                    THEN timers.leased_until
                    END
            """);
    }

    private void UpsertGrants(SqlBatch sql, List<GrantRow> chunk)
    {
        var values = string.Join(", ", chunk.Select(row =>
            $"({sql.Param(dialect.Uuid(row.GrantId))}, {sql.Param(dialect.Uuid(row.ApplicationId))}, {sql.Param(row.UserId)}, "
            + $"{sql.Param(row.DatasetId)}, {sql.Param(row.Location)}, {sql.Param(row.DacId)}, {sql.Param(dialect.Time(row.ValidFrom))}, "
            + $"{sql.Param(dialect.Time(row.ValidUntil))}, {sql.Param(row.Status)}, {sql.Param(dialect.Time(row.UpdatedAt))}, {sql.Param(row.Detail)})"));
        sql.Add($"""
            INSERT INTO grants ({Rows.GrantColumns}) VALUES {values}
            ON CONFLICT (grant_id) DO UPDATE SET
                application_id = excluded.application_id, user_id = excluded.user_id, dataset_id = excluded.dataset_id,
                location = excluded.location, dac_id = excluded.dac_id, valid_from = excluded.valid_from,
                valid_until = excluded.valid_until, status = excluded.status, updated_at = excluded.updated_at,
                detail = excluded.detail
            """);
    }

    /// <summary>Splits items into runs whose parameter counts stay within one command's budget.</summary>
    private IEnumerable<List<T>> Chunk<T>(IEnumerable<T> items, Func<T, int> parametersOf)
    {
        var chunk = new List<T>();
        var parameters = 0;
        foreach (var item in items)
        {
            var needed = parametersOf(item);
            if (chunk.Count > 0 && parameters + needed > dialect.ParametersPerCommand)
            {
                yield return chunk;
                chunk = [];
                parameters = 0;
            }
            chunk.Add(item);
            parameters += needed;
        }
        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
