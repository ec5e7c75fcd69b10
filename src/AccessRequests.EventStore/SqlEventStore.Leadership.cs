namespace AccessRequests.EventStore;

public abstract partial class SqlEventStore
{
    public Task<ILeadership?> TryAcquireLeadershipAsync(string duty, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(duty);
        return Dialect.TryAcquireLeadershipAsync(duty, ct);
    }
}
