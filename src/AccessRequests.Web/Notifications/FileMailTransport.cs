using System.Net.Mail;
using AccessRequests.EventStore;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// The embedded default: each mail becomes an .eml file (<c>yyyyMMdd-HHmmss-&lt;mail id&gt;.eml</c>, the time the mail
/// was made) in <paramref name="directory"/>, the data folder's <c>mail</c>, so a newcomer reads what would have been
/// sent in any mail program. The file appears whole or not at all (written aside, then moved in), and a mail the
/// outbox hands over again is written once.
/// </summary>
public sealed class FileMailTransport(string directory, string from) : IMailTransport
{
    private readonly string directory = Path.GetFullPath(directory);
    private readonly string from = MailMessages.Sender(from).ToString();

    /// <summary>Where the files go (absolute).</summary>
    public string Folder => directory;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, FileName(mail));
        if (Written(mail.Id))
        {
            return;
        }

        // SmtpClient writes the message itself into a pickup folder, under a name of its own: one folder per mail.
        var staging = Path.Combine(directory, $".writing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            using (var message = MailMessages.Build(mail, from))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
            {
                await client.SendMailAsync(message, ct);
            }
            var written = Directory.GetFiles(staging).Single();
            try
            {
                File.Move(written, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Written meanwhile by another try of the same mail.
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    public static string FileName(OutgoingMail mail) =>
        $"{mail.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{mail.Id}.eml";

    private bool Written(Guid mailId) => Directory.EnumerateFiles(directory, $"*-{mailId}.eml").Any();
}
