using System.Data.Common;
using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public async Task<ApplicationRow?> GetApplicationAsync(Guid id, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        var rows = await QueryApplicationsAsync(connection,
            $"SELECT {Rows.ApplicationColumns} FROM applications WHERE id = @id", new { id = Dialect.Uuid(id) }, ct);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<ApplicationRow>> ListApplicationsAsync(ApplicationQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var everyone = query.ParticipantIds.Count == 0;
        if (!everyone && query.Relations.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters(new { limit = query.Limit });
        var filter = everyone ? "" : $"""
            WHERE EXISTS (
                SELECT 1 FROM application_participants p
                WHERE p.application_id = a.id
                  AND p.user_id IN {parameters.InList("u", query.ParticipantIds)}
                  AND p.relation IN {parameters.InList("r", query.Relations)})
            """;
        var order = query.OrderByDeadline
            ? "a.deadline ASC NULLS LAST, a.updated_at ASC, a.id"
            : "a.updated_at DESC, a.id";
        await using var connection = await Dialect.OpenAsync(ct);
        return await QueryApplicationsAsync(connection,
            $"""
            SELECT {string.Join(", ", Rows.ApplicationColumns.Split(", ").Select(c => "a." + c))}
            FROM applications a
            {filter}
            ORDER BY {order}
            LIMIT @limit
            """,
            parameters, ct);
    }

    public async Task<string?> GetDocumentAsync(string collection, string id, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT json FROM documents WHERE collection = @collection AND id = @id",
            new { collection, id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<string>> ListDocumentsAsync(string collection, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT json FROM documents WHERE collection = @collection ORDER BY id",
            new { collection }, cancellationToken: ct));
        return [.. documents];
    }

    public async Task<DocumentsRead> ReadDocumentsAsync(IReadOnlyList<DocumentKey> keys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var parameters = new DynamicParameters();
        var conditions = keys.Select((key, i) =>
        {
            parameters.Add($"c{i}", key.Collection);
            if (key.Id is null)
            {
                return $"d.collection = @c{i}";
            }
            parameters.Add($"i{i}", key.Id);
            return $"(d.collection = @c{i} AND d.id = @i{i})";
        }).DefaultIfEmpty("1 = 0");
        await using var connection = await Dialect.OpenAsync(ct);
        // One statement, so the generation and the documents come from the same snapshot.
        var rows = (await connection.QueryAsync<(long Generation, string? Collection, string? Id, string? Json)>(new CommandDefinition(
            $"""
            SELECT g.generation, d.collection, d.id, d.json
            FROM documents_generation g LEFT JOIN documents d ON {string.Join(" OR ", conditions)}
            WHERE g.id = 1
            ORDER BY d.collection, d.id
            """,
            parameters, cancellationToken: ct))).ToList();
        return new DocumentsRead(
            rows[0].Generation,
            [.. rows.Where(r => r.Collection is not null).Select(r => new StoredDocument(r.Collection!, r.Id!, r.Json!))]);
    }

    /// <summary>The rows the query selects, with their participants filled in by a second query.</summary>
    private async Task<List<ApplicationRow>> QueryApplicationsAsync(
        DbConnection connection, string sql, object parameters, CancellationToken ct)
    {
        var rows = new List<ApplicationRow>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(Rows.Application(reader));
            }
        }
        if (rows.Count == 0)
        {
            return rows;
        }

        var participants = new Dictionary<Guid, List<Participant>>();
        var ids = new DynamicParameters();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT application_id, user_id, relation FROM application_participants
            WHERE application_id IN {ids.InList("i", rows.Select(r => Dialect.Uuid(r.Id)))}
            ORDER BY application_id, relation, user_id
            """,
            ids, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                if (!participants.TryGetValue(id, out var list))
                {
                    participants[id] = list = [];
                }
                list.Add(new Participant(reader.GetString(1), reader.GetString(2)));
            }
        }
        return [.. rows.Select(r => r with { Participants = participants.GetValueOrDefault(r.Id) ?? [] })];
    }
}
