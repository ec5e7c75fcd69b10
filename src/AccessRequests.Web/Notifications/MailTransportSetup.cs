using AccessRequests.Web.Hosting;

namespace AccessRequests.Web.Notifications;

public static class MailTransportSetup
{
    /// <summary>
    /// The <see cref="IMailTransport"/> that AccessRequests:Notifications:Delivery names: <c>file</c> (default, .eml files
    /// in the data folder's <c>mail</c>) or <c>smtp</c>. A misspelt choice, sender or certificate stops the start rather
    /// than the first mail.
    /// </summary>
    public static IServiceCollection AddMailTransport(this IServiceCollection services, ServiceOptions options)
    {
        var notifications = options.Notifications;
        IMailTransport transport = notifications.Delivery.ToLowerInvariant() switch
        {
            "file" => new FileMailTransport(options.DataPath("mail"), notifications.From),
            "smtp" => new SmtpMailTransport(notifications),
            _ => throw new InvalidOperationException(
                $"AccessRequests:Notifications:Delivery must be 'file' or 'smtp', not '{notifications.Delivery}'."),
        };
        services.AddSingleton(transport);
        return services;
    }
}
