using System.Net;
using System.Net.Mail;
using AccessRequests.EventStore;
using AccessRequests.Web.Hosting;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Sends each mail over SMTP (NotificationOptions.Smtp), one connection per mail: the outbox sends a handful at a time,
/// and a connection kept open would fail at the next send after the server dropped it. Throws when the server did not
/// take the mail (refused, unreachable, too slow, TLS or credentials wrong), so the outbox tries again later.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport
{
    private readonly SmtpOptions smtp;
    private readonly string from;

    public SmtpMailTransport(NotificationOptions options)
    {
        smtp = options.Smtp;
        from = MailMessages.Sender(options.From).ToString();
        if (smtp.TrustedCertificatePath is { } path)
        {
            SmtpCertificateTrust.Add(path);
        }
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(smtp.TimeoutSeconds);
        using var message = MailMessages.Build(mail, from);
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.StartTls,
            Timeout = (int)timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            client.Credentials = new NetworkCredential(smtp.Username, smtp.Password);
        }

        // The client's Timeout covers only its synchronous Send; the asynchronous one stops by the token.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await client.SendMailAsync(message, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The SMTP server {smtp.Host}:{smtp.Port} did not take the mail within {timeout.TotalSeconds:0.#} s.");
        }
    }
}
