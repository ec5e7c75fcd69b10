using AccessRequests.EventStore;

namespace AccessRequests.Web.Notifications;

/// <summary>A background duty that one instance of the service does at a time, polling for work while it leads.</summary>
internal static class Leader
{
    /// <summary>
    /// Takes the <paramref name="duty"/> when no one holds it and, while it is held, runs <paramref name="work"/>
    /// until it finds nothing (0), then waits <paramref name="pollSeconds"/>. A failure (the database away) is logged
    /// and the duty taken again after a pause: nothing is lost, as the work is kept in the store.
    /// </summary>
    public static async Task RunAsync(
        IEventStore store, string duty, double pollSeconds, Func<CancellationToken, Task<int>> work, ILogger log, CancellationToken stop)
    {
        var idle = TimeSpan.FromSeconds(Math.Max(0.05, pollSeconds));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var leadership = await store.TryAcquireLeadershipAsync(duty, stop);
                if (leadership is null)
                {
                    await Task.Delay(idle * 4, stop);
                    continue;
                }
                while (!stop.IsCancellationRequested && await leadership.IsHeldAsync(stop))
                {
                    if (await work(stop) == 0)
                    {
                        await Task.Delay(idle, stop);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                log.LogWarning(e, "{Duty} paused: {Message}", duty, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }
}
