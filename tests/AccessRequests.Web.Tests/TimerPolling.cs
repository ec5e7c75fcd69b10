namespace AccessRequests.Web.Tests;

/// <summary>For tests of what the service's timer records on a moved clock: poll often, and wait for the outcome.</summary>
internal static class TimerPolling
{
    /// <summary>Settings that make the timer look every tenth of a second instead of every few seconds.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fast = new Dictionary<string, string> { ["AccessRequests:Timers:PollSeconds"] = "0.1" };

    /// <summary>Waits until <paramref name="condition"/> holds; fails after 20 seconds.</summary>
    public static async Task Eventually(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the timer did not fire within 20 seconds");
            await Task.Delay(100);
        }
    }
}
