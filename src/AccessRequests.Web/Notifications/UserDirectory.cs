using System.Collections.Concurrent;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Remembers each user's name and e-mail address as their sign-in last gave them, so that notices can reach them.
/// Written only when something changed since this process last saw the user.
/// </summary>
public sealed class UserDirectory(INotificationStore store, TimeProvider clock)
{
    private const int Limit = 10_000;

    private readonly ConcurrentDictionary<string, (string Name, string? Email)> seen = new(StringComparer.Ordinal);

    public async Task SeenAsync(string userId, string name, string? email, string language, CancellationToken ct)
    {
        if (seen.TryGetValue(userId, out var known) && known == (name, email))
        {
            return;
        }
        await store.SaveUserAsync(userId, name, email, language, clock.GetUtcNow(), ct);
        if (seen.Count >= Limit)
        {
            seen.Clear();
        }
        seen[userId] = (name, email);
    }
}
