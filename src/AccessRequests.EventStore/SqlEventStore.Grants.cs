using Dapper;

namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public async Task<IReadOnlyList<GrantRow>> ListGrantsAsync(GrantQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        if (query.Active is not null && query.Now is null)
        {
            throw new ArgumentException("Whether a grant is active depends on the time: set Now with Active.", nameof(query));
        }

        var parameters = new DynamicParameters(new { limit = query.Limit });
        var filters = new List<string>();
        if (query.UserId is { } user)
        {
            parameters.Add("user", user);
            filters.Add("user_id = @user");
        }
        if (query.DatasetId is { } dataset)
        {
            parameters.Add("dataset", dataset);
            filters.Add("dataset_id = @dataset");
        }
        if (query.Location is { } location)
        {
            parameters.Add("location", location);
            filters.Add("location = @location");
        }
        if (query.ApplicationId is { } application)
        {
            parameters.Add("application", Dialect.Uuid(application));
            filters.Add("application_id = @application");
        }
        if (query.Active is { } active)
        {
            parameters.Add("now", Dialect.Time(query.Now!.Value));
            // ValidUntil is the first instant without access, so a grant that ends now is no longer in force.
            const string InForce = "status = 'active' AND valid_from <= @now AND valid_until > @now";
            filters.Add(active ? InForce : $"NOT ({InForce})");
        }

        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"""
            SELECT {Rows.GrantColumns} FROM grants
            {(filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters))}
            ORDER BY valid_from, grant_id
            LIMIT @limit
            """,
            parameters, cancellationToken: ct));
        return await Rows.GrantsAsync(reader, ct);
    }

    public async Task<GrantRow?> GetGrantAsync(Guid grantId, CancellationToken ct = default)
    {
        await using var connection = await Dialect.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Rows.GrantColumns} FROM grants WHERE grant_id = @id",
            new { id = Dialect.Uuid(grantId) }, cancellationToken: ct));
        return (await Rows.GrantsAsync(reader, ct)).SingleOrDefault();
    }
}
