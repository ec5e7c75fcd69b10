using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Notifications;

/// <summary>One outbox mail as the MIME message both transports hand on.</summary>
public static class MailMessages
{
    /// <summary>
    /// Plain text with an HTML alternative, all UTF-8 (Danish names and texts), the recipient's language in
    /// Content-Language, and a Message-ID made from the mail's id: a mail the outbox sends again after a failure that
    /// did reach the server is the same message, which a mail client can tell.
    /// </summary>
    /// <param name="mail">The outbox's mail.</param>
    /// <param name="from">The sender, e.g. <c>AccessRequests &lt;noreply@example.dk&gt;</c> (NotificationOptions.From).</param>
    public static MailMessage Build(OutgoingMail mail, string from)
    {
        var sender = Sender(from);
        var message = new MailMessage
        {
            From = sender,
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = mail.Text,
            BodyEncoding = Encoding.UTF8,
            // Quoted-printable rather than base64: an .eml file of the embedded default reads as text in any editor.
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To, mail.ToName, Encoding.UTF8));
        var html = AlternateView.CreateAlternateViewFromString(mail.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.QuotedPrintable;
        message.AlternateViews.Add(html);
        message.Headers["Content-Language"] = mail.Language;
        message.Headers["Message-ID"] = MessageId(mail.Id, sender.Host);
        return message;
    }

    /// <summary>The configured sender, or a start-up error that names the setting.</summary>
    public static MailAddress Sender(string from)
    {
        try
        {
            return new MailAddress(from);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"AccessRequests:Notifications:From is not an e-mail address: '{from}' ({e.Message})", e);
        }
    }

    public static string MessageId(Guid mailId, string host) => $"<{mailId:N}@{host}>";
}
