namespace AccessRequests.EventStore;

/// <summary>
/// This process holds an exactly-one duty (the outbox relay, ...) until the handle is disposed. Holding can end
/// without that: when the database connection behind it breaks, another process may take the duty over at once, so
/// a leader checks <see cref="IsHeldAsync"/> before each round of work and stops when it answers false.
/// </summary>
public interface ILeadership : IAsyncDisposable
{
    string Duty { get; }

    /// <summary>True while the duty is still held; false once disposed or once the hold was lost.</summary>
    Task<bool> IsHeldAsync(CancellationToken ct = default);
}
