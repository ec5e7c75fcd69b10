using AccessRequests.Testing;
using AccessRequests.Web.Notifications;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>The embedded default: mails as .eml files a newcomer can open, each written whole and once.</summary>
public sealed class FileDelivery : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task a_mail_becomes_one_readable_eml_file_named_by_its_time_and_id()
    {
        var mail = Mails.Danish("soeren@example.test");

        await new FileMailTransport(folder.Path, Mails.From).SendAsync(mail, CancellationToken.None);

        var file = Directory.GetFileSystemEntries(folder.Path).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldBe($"{mail.CreatedAt.UtcDateTime:yyyyMMdd-HHmmss}-{mail.Id}.eml");
        var written = ReceivedMail.Read(file);
        written.From.ShouldBe("\"AccessRequests\" <noreply@accessrequests.test>");
        written.To.ShouldBe("Søren Ærø Åkjær <soeren@example.test>");
        written.Subject.ShouldBe(mail.Subject);
        written.Text.ShouldBe(mail.Text);
        written.Html.ShouldBe(mail.Html);
        written.ContentLanguage.ShouldBe("da");
        written.MessageId.ShouldBe(MailMessages.MessageId(mail.Id, Mails.FromHost));
        written.Raw.ShouldContain("Date: ");
    }

    [Fact]
    public async Task a_mail_handed_over_again_is_not_written_again()
    {
        var transport = new FileMailTransport(folder.Path, Mails.From);
        var mail = Mails.English("ada@example.test");
        var other = Mails.English("ada@example.test");

        await transport.SendAsync(mail, CancellationToken.None);
        var first = Directory.GetFiles(folder.Path).ShouldHaveSingleItem();
        var content = await File.ReadAllTextAsync(first);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => transport.SendAsync(mail, CancellationToken.None)));
        await transport.SendAsync(other, CancellationToken.None);

        Directory.GetFileSystemEntries(folder.Path).Length.ShouldBe(2);
        (await File.ReadAllTextAsync(first)).ShouldBe(content);
        Directory.GetFiles(folder.Path, $"*-{other.Id}.eml").ShouldHaveSingleItem();
    }
}
