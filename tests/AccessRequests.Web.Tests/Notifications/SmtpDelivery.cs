using System.Diagnostics;
using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using AccessRequests.EventStore;
using AccessRequests.Testing;
using AccessRequests.Web.Hosting;
using AccessRequests.Web.Notifications;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>
/// The SMTP transport against a real exim on loopback (tests/infra/mail.sh): plain, STARTTLS verified against the
/// test server's own certificate, AUTH, and the failures the outbox must see as failures.
/// </summary>
public sealed class SmtpDelivery
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly TestMailServer server = TestMailServer.FromEnvironment();

    private NotificationOptions Options(bool tls, bool trustCertificate = true, string? username = null, string? password = null) => new()
    {
        Delivery = "smtp",
        From = Mails.From,
        Smtp = new SmtpOptions
        {
            Host = server.Host,
            Port = tls ? server.TlsPort : server.Port,
            StartTls = tls,
            TrustedCertificatePath = tls && trustCertificate ? server.CertificatePath : null,
            Username = username,
            Password = password,
            TimeoutSeconds = 10,
        },
    };

    /// <summary>Sends one mail, made for an address in a fresh domain, and returns it as it arrived there.</summary>
    private async Task<(OutgoingMail Sent, ReceivedMail Received)> SendOneAsync(
        NotificationOptions options, Func<string, OutgoingMail> mailTo, bool requiresAuthentication = false)
    {
        var domain = TestMailServer.NewDomain(requiresAuthentication);
        var mail = mailTo(domain);
        await new SmtpMailTransport(options).SendAsync(mail, CancellationToken.None);
        var received = await server.ForDomain(domain).WaitForAsync(1, Wait, $"the mail \"{mail.Subject}\"");
        return (mail, received.Single());
    }

    private static OutgoingMail ToAda(string domain) => Mails.English($"ada@{domain}");

    [Fact]
    public async Task a_mail_over_plain_smtp_arrives_once_with_its_text_html_language_and_message_id()
    {
        var (mail, received) = await SendOneAsync(Options(tls: false), ToAda);

        received.EnvelopeTo.ShouldBe(mail.To);
        received.From.ShouldBe("\"AccessRequests\" <noreply@accessrequests.test>");
        received.To.ShouldBe($"\"Ada Lovelace\" <{mail.To}>");
        received.Subject.ShouldBe(mail.Subject);
        received.Text.ShouldBe(mail.Text);
        received.Html.ShouldBe(mail.Html);
        received.ContentLanguage.ShouldBe("en");
        received.MessageId.ShouldBe(MailMessages.MessageId(mail.Id, Mails.FromHost));
        received.Message.MediaType.ShouldBe("multipart/alternative");
        received.Raw.ShouldContain(" with esmtp ");
    }

    [Fact]
    public async Task starttls_with_the_servers_certificate_trusted_delivers_over_tls()
    {
        var (mail, received) = await SendOneAsync(Options(tls: true), ToAda);

        received.Subject.ShouldBe(mail.Subject);
        // exim's Received header says "esmtps" for a message that came over TLS.
        received.Raw.ShouldContain(" with esmtps ");
    }

    [Fact]
    public async Task starttls_to_a_server_whose_certificate_is_not_trusted_throws_and_sends_nothing()
    {
        var domain = TestMailServer.NewDomain();
        var transport = new SmtpMailTransport(Options(tls: true, trustCertificate: false));

        var error = await Should.ThrowAsync<SmtpException>(() => transport.SendAsync(ToAda(domain), CancellationToken.None));
        error.InnerException.ShouldBeOfType<System.Security.Authentication.AuthenticationException>();

        // Another transport in this process trusting the certificate (the test above) must not have made this one trust it.
        await Task.Delay(500);
        server.ForDomain(domain).All().ShouldBeEmpty();
    }

    [Fact]
    public async Task starttls_on_a_server_that_offers_none_throws_rather_than_sending_in_clear_text()
    {
        var domain = TestMailServer.NewDomain();
        var options = Options(tls: true);
        options.Smtp.Port = server.Port;

        var error = await Should.ThrowAsync<SmtpException>(() => new SmtpMailTransport(options).SendAsync(ToAda(domain), CancellationToken.None));

        error.Message.ShouldContain("does not support secure connections");
        server.ForDomain(domain).All().ShouldBeEmpty();
    }

    [Fact]
    public async Task an_authenticating_domain_takes_mail_from_a_client_with_the_right_credentials()
    {
        var (mail, received) = await SendOneAsync(
            Options(tls: true, username: server.Username, password: server.Password), ToAda, requiresAuthentication: true);

        received.Subject.ShouldBe(mail.Subject);
        received.Raw.ShouldContain(" with esmtpsa "); // "a": authenticated
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("no credentials")]
    public async Task an_authenticating_domain_refuses_a_client_without_the_right_credentials_and_the_send_throws(string client)
    {
        var domain = TestMailServer.NewDomain(requiresAuthentication: true);
        var options = client == "wrong password"
            ? Options(tls: true, username: server.Username, password: server.Password + "x")
            : Options(tls: true);

        await Should.ThrowAsync<SmtpException>(() => new SmtpMailTransport(options).SendAsync(ToAda(domain), CancellationToken.None));

        await Task.Delay(500);
        server.ForDomain(domain).All().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_mail_server_that_is_down_makes_the_send_throw_at_once()
    {
        var options = Options(tls: false);
        options.Smtp.Port = TestIdentityProvider.FreePort();
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<SmtpException>(() => new SmtpMailTransport(options).SendAsync(Mails.English("ada@example.test"), CancellationToken.None));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task a_mail_server_that_never_answers_makes_the_send_throw_after_the_timeout()
    {
        // Takes the connection and says nothing, as a hung server does.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        var options = Options(tls: false);
        options.Smtp.Port = ((IPEndPoint)silent.LocalEndpoint).Port;
        options.Smtp.TimeoutSeconds = 1;
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<TimeoutException>(() => new SmtpMailTransport(options).SendAsync(Mails.English("ada@example.test"), CancellationToken.None));

        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        (await accepted).Dispose();
    }

    [Fact]
    public async Task danish_letters_survive_to_the_mailbox_in_subject_name_text_and_html()
    {
        var (mail, received) = await SendOneAsync(Options(tls: false), domain => Mails.Danish($"soeren@{domain}"));

        received.Subject.ShouldBe(mail.Subject);
        received.To.ShouldBe($"Søren Ærø Åkjær <{mail.To}>");
        received.Text.ShouldBe(mail.Text);
        received.Html.ShouldBe(mail.Html);
        received.ContentLanguage.ShouldBe("da");
    }

    [Fact]
    public async Task the_same_mail_sent_again_arrives_again_with_the_same_message_id()
    {
        var domain = TestMailServer.NewDomain();
        var mail = ToAda(domain);
        var transport = new SmtpMailTransport(Options(tls: false));

        await transport.SendAsync(mail, CancellationToken.None);
        await transport.SendAsync(mail, CancellationToken.None);

        var received = await server.ForDomain(domain).WaitForAsync(2, Wait, "the mail and its resend");
        received.Select(m => m.MessageId).ShouldAllBe(id => id == MailMessages.MessageId(mail.Id, Mails.FromHost));
    }
}
