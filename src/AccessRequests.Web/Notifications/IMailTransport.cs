using AccessRequests.EventStore;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Hands one e-mail on: to an SMTP server, or (the embedded default) to a file under the data folder. Throws when the
/// mail was not accepted; the outbox then tries again later.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}
