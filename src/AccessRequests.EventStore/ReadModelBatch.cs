using System.Data.Common;
using System.Text;
using Dapper;

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

    public async Task FlushAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        // Rows go in key order, so concurrent transactions lock them in the same order and cannot deadlock.
        var rows = applications.Values.OrderBy(row => row.Id);
        foreach (var chunk in Chunk(rows, row => 10 + (2 * row.Participants.Count)))
        {
            await WriteApplicationsAsync(connection, transaction, chunk, ct);
        }

        var ordered = documents
            .OrderBy(d => d.Key.Collection, StringComparer.Ordinal)
            .ThenBy(d => d.Key.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var chunk in Chunk(ordered.Where(d => d.Value is not null), _ => 3))
        {
            await UpsertDocumentsAsync(connection, transaction, chunk, ct);
        }
        foreach (var chunk in Chunk(ordered.Where(d => d.Value is null), _ => 2))
        {
            await DeleteDocumentsAsync(connection, transaction, chunk, ct);
        }

        var orderedTimers = timers.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        foreach (var chunk in Chunk(orderedTimers.Select(t => t.Value).OfType<ScheduledTimer>(), _ => 5))
        {
            await UpsertTimersAsync(connection, transaction, chunk, ct);
        }
        foreach (var chunk in Chunk(orderedTimers.Where(t => t.Value is null).Select(t => t.Key), _ => 1))
        {
            await CancelTimersAsync(connection, transaction, chunk, ct);
        }

        foreach (var chunk in Chunk(grantsDeletedOfApplications.Order(), _ => 1))
        {
            await DeleteGrantsOfApplicationsAsync(connection, transaction, chunk, ct);
        }
        foreach (var chunk in Chunk(grants.Values.OrderBy(g => g.GrantId), _ => 11))
        {
            await UpsertGrantsAsync(connection, transaction, chunk, ct);
        }

        applications.Clear();
        documents.Clear();
        timers.Clear();
        grants.Clear();
        grantIdsByApplication.Clear();
        grantsDeletedOfApplications.Clear();
    }

    private async Task WriteApplicationsAsync(
        DbConnection connection, DbTransaction transaction, List<ApplicationRow> rows, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var ids = new StringBuilder();
        var values = new StringBuilder();
        var participants = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            parameters.Add($"i{i}", dialect.Uuid(row.Id));
            parameters.Add($"a{i}", row.ApplicantId);
            parameters.Add($"s{i}", row.Status);
            parameters.Add($"t{i}", row.Title);
            parameters.Add($"v{i}", row.Version);
            parameters.Add($"c{i}", dialect.Time(row.CreatedAt));
            parameters.Add($"u{i}", dialect.Time(row.UpdatedAt));
            parameters.Add($"b{i}", dialect.Time(row.SubmittedAt));
            parameters.Add($"d{i}", dialect.Time(row.Deadline));
            parameters.Add($"x{i}", row.Detail);
            ids.Append(i == 0 ? "" : ", ").Append($"@i{i}");
            values.Append(i == 0 ? "" : ", ")
                .Append($"(@i{i}, @a{i}, @s{i}, @t{i}, @v{i}, @c{i}, @u{i}, @b{i}, @d{i}, @x{i})");
            var j = 0;
            foreach (var participant in row.Participants.Distinct())
            {
                parameters.Add($"pu{i}_{j}", participant.UserId);
                parameters.Add($"pr{i}_{j}", participant.Relation);
                participants.Append(participants.Length == 0 ? "" : ", ").Append($"(@i{i}, @pu{i}_{j}, @pr{i}_{j})");
                j++;
            }
        }

        // "Replaces the row and its participants": the old participant rows go first.
        var sql = new StringBuilder()
            .Append($"DELETE FROM application_participants WHERE application_id IN ({ids});\n")
            .Append("""
                INSERT INTO applications
                    (id, applicant_id, status, title, version, created_at, updated_at, submitted_at, deadline, detail)
                VALUES
                """).Append(' ').Append(values).Append('\n')
            .Append("""
                ON CONFLICT (id) DO UPDATE SET
                    applicant_id = excluded.applicant_id, status = excluded.status, title = excluded.title,
                    version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,
                    submitted_at = excluded.submitted_at, deadline = excluded.deadline, detail = excluded.detail;
                """);
        if (participants.Length > 0)
        {
            sql.Append("\nINSERT INTO application_participants (application_id, user_id, relation) VALUES ")
                .Append(participants).Append(';');
        }
        await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: ct));
    }

    private async Task UpsertDocumentsAsync(
        DbConnection connection, DbTransaction transaction,
        List<KeyValuePair<(string Collection, string Id), string?>> chunk, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var values = new StringBuilder();
        for (var i = 0; i < chunk.Count; i++)
        {
            parameters.Add($"c{i}", chunk[i].Key.Collection);
            parameters.Add($"k{i}", chunk[i].Key.Id);
            parameters.Add($"j{i}", chunk[i].Value);
            values.Append(i == 0 ? "" : ", ").Append($"(@c{i}, @k{i}, {dialect.Json($"@j{i}")})");
        }
        var sql = $"""
            INSERT INTO documents (collection, id, json) VALUES {values}
            ON CONFLICT (collection, id) DO UPDATE SET json = excluded.json
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }

    private static async Task DeleteDocumentsAsync(
        DbConnection connection, DbTransaction transaction,
        List<KeyValuePair<(string Collection, string Id), string?>> chunk, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var keys = new StringBuilder();
        for (var i = 0; i < chunk.Count; i++)
        {
            parameters.Add($"c{i}", chunk[i].Key.Collection);
            parameters.Add($"k{i}", chunk[i].Key.Id);
            keys.Append(i == 0 ? "" : " OR ").Append($"(collection = @c{i} AND id = @k{i})");
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM documents WHERE {keys}", parameters, transaction, cancellationToken: ct));
    }

    private async Task UpsertTimersAsync(
        DbConnection connection, DbTransaction transaction, List<ScheduledTimer> chunk, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var values = new StringBuilder();
        for (var i = 0; i < chunk.Count; i++)
        {
            parameters.Add($"i{i}", chunk[i].Id);
            parameters.Add($"s{i}", chunk[i].StreamId);
            parameters.Add($"k{i}", chunk[i].Kind);
            parameters.Add($"d{i}", dialect.Time(chunk[i].DueAt));
            parameters.Add($"p{i}", chunk[i].Payload);
            values.Append(i == 0 ? "" : ", ").Append($"(@i{i}, @s{i}, @k{i}, @d{i}, {dialect.Json($"@p{i}")}, NULL)");
        }
        // The lease survives only an identical schedule: projections may well schedule the same timer on every
        // append, and that must not let a second instance claim a timer that is being handled. Any change ends it,
        // so the moved timer is claimable as soon as it is due.
        var sql = $"""
            INSERT INTO timers (id, stream_id, kind, due_at, payload, leased_until) VALUES {values}
            ON CONFLICT (id) DO UPDATE SET
                stream_id = excluded.stream_id, kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload,
                leased_until = CASE
                    WHEN timers.stream_id = excluded.stream_id AND timers.kind = excluded.kind
                        AND timers.due_at = excluded.due_at AND timers.payload = excluded.payload
                    THEN timers.leased_until
                    END
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }

    private static async Task CancelTimersAsync(
        DbConnection connection, DbTransaction transaction, List<string> ids, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM timers WHERE id IN {parameters.InList("i", ids)}", parameters, transaction, cancellationToken: ct));
    }

    private async Task UpsertGrantsAsync(
        DbConnection connection, DbTransaction transaction, List<GrantRow> chunk, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var values = new StringBuilder();
        for (var i = 0; i < chunk.Count; i++)
        {
            var row = chunk[i];
            parameters.Add($"g{i}", dialect.Uuid(row.GrantId));
            parameters.Add($"a{i}", dialect.Uuid(row.ApplicationId));
            parameters.Add($"u{i}", row.UserId);
            parameters.Add($"d{i}", row.DatasetId);
            parameters.Add($"l{i}", row.Location);
            parameters.Add($"c{i}", row.DacId);
            parameters.Add($"f{i}", dialect.Time(row.ValidFrom));
            parameters.Add($"v{i}", dialect.Time(row.ValidUntil));
            parameters.Add($"s{i}", row.Status);
            parameters.Add($"t{i}", dialect.Time(row.UpdatedAt));
            parameters.Add($"x{i}", row.Detail);
            values.Append(i == 0 ? "" : ", ")
                .Append($"(@g{i}, @a{i}, @u{i}, @d{i}, @l{i}, @c{i}, @f{i}, @v{i}, @s{i}, @t{i}, @x{i})");
        }
        var sql = $"""
            INSERT INTO grants ({Rows.GrantColumns}) VALUES {values}
            ON CONFLICT (grant_id) DO UPDATE SET
                application_id = excluded.application_id, user_id = excluded.user_id, dataset_id = excluded.dataset_id,
                location = excluded.location, dac_id = excluded.dac_id, valid_from = excluded.valid_from,
                valid_until = excluded.valid_until, status = excluded.status, updated_at = excluded.updated_at,
                detail = excluded.detail
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }

    private async Task DeleteGrantsOfApplicationsAsync(
        DbConnection connection, DbTransaction transaction, List<Guid> applicationIds, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM grants WHERE application_id IN {parameters.InList("a", applicationIds.Select(dialect.Uuid))}",
            parameters, transaction, cancellationToken: ct));
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
