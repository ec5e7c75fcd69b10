using System.Threading.Channels;

namespace AccessRequests.Web.Relay;

/// <summary>
/// Tells this instance's grant relay that a command here has just committed a grant event, so that it publishes at once
/// instead of at its next poll. Polling stays: it is how events committed by another instance are found.
/// </summary>
public sealed class RelaySignal
{
    private readonly Channel<bool> wakes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake or the timeout; true when woken.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await wakes.Reader.WaitToReadAsync(timer.Token);
            return wakes.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
