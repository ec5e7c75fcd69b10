using AccessRequests.EventStore;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Hosting;

namespace AccessRequests.Web.Notifications;

public static class NotificationSetup
{
    /// <summary>The notification consumer, the e-mail outbox and its transport, and what they need.</summary>
    public static void AddNotifications(this IServiceCollection services, ServiceOptions options)
    {
        services.AddSingleton<InvitationTokens>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<UserDirectory>();
        services.AddMailTransport(options);
        services.AddSingleton<NotificationConsumer>();
        services.AddSingleton<MailOutbox>();
        services.AddHostedService(s => s.GetRequiredService<NotificationConsumer>());
        services.AddHostedService(s => s.GetRequiredService<MailOutbox>());
    }

    /// <summary>
    /// A service that starts on a store with history tells no one about it: the consumer begins after the events
    /// recorded so far (once; after that it goes on from its checkpoint). The invitation key is made now, not on the
    /// first invitation, so that instances starting together agree on it.
    /// </summary>
    public static async Task StartNotificationsAsync(this IServiceProvider services)
    {
        await services.GetRequiredService<IEventStore>().StartCheckpointAtEndAsync(NotificationConsumer.Consumer);
        services.GetRequiredService<InvitationTokens>();
        // People are reachable once they have signed in; the demo's people are known from the start, so that a
        // newcomer sees every e-mail of a journey (a DAC member's included) before each of them has signed in.
        if (services.GetService<DevelopmentIssuer>() is not null)
        {
            var users = services.GetRequiredService<UserDirectory>();
            foreach (var user in DemoUser.All.Where(u => !u.MachineClient))
            {
                await users.SeenAsync(user.Id, user.Name, user.Email, "en", CancellationToken.None);
            }
        }
    }
}
