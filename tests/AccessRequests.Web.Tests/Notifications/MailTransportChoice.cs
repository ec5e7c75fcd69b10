using AccessRequests.Testing;
using AccessRequests.Web.Hosting;
using AccessRequests.Web.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>Notifications:Delivery picks the transport; a wrong choice or setting stops the start, not the first mail.</summary>
public sealed class MailTransportChoice : IDisposable
{
    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    private ServiceOptions Configured(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AccessRequests:DataDirectory"] = data.Path })
            .AddInMemoryCollection(settings)
            .Build();
        return configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>()!;
    }

    private static IMailTransport Transport(ServiceOptions options) =>
        new ServiceCollection().AddMailTransport(options).BuildServiceProvider().GetRequiredService<IMailTransport>();

    [Fact]
    public async Task without_configuration_mail_is_written_to_files_in_the_data_folders_mail()
    {
        var transport = Transport(Configured([])).ShouldBeOfType<FileMailTransport>();

        transport.Folder.ShouldBe(Path.Combine(data.Path, "mail"));
        var mail = Mails.English("ada@example.test");
        await transport.SendAsync(mail, CancellationToken.None);
        ReceivedMail.Read(Directory.GetFiles(Path.Combine(data.Path, "mail")).ShouldHaveSingleItem()).Subject.ShouldBe(mail.Subject);
    }

    [Fact]
    public async Task smtp_delivery_with_its_settings_from_configuration_reaches_the_mail_server()
    {
        var server = TestMailServer.FromEnvironment();
        var domain = TestMailServer.NewDomain(requiresAuthentication: true);
        var transport = Transport(Configured(new()
        {
            ["AccessRequests:Notifications:Delivery"] = "SMTP",
            ["AccessRequests:Notifications:From"] = Mails.From,
            ["AccessRequests:Notifications:Smtp:Host"] = server.Host,
            ["AccessRequests:Notifications:Smtp:Port"] = server.TlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AccessRequests:Notifications:Smtp:StartTls"] = "true",
            ["AccessRequests:Notifications:Smtp:Username"] = server.Username,
            ["AccessRequests:Notifications:Smtp:Password"] = server.Password,
            ["AccessRequests:Notifications:Smtp:TrustedCertificatePath"] = server.CertificatePath,
        }));

        transport.ShouldBeOfType<SmtpMailTransport>();
        var mail = Mails.English($"ada@{domain}");
        await transport.SendAsync(mail, CancellationToken.None);
        (await server.ForDomain(domain).WaitForAsync(1, TimeSpan.FromSeconds(20), "the mail sent as configured")).Single().Subject.ShouldBe(mail.Subject);
        Directory.Exists(Path.Combine(data.Path, "mail")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("AccessRequests:Notifications:Delivery", "pigeon", "AccessRequests:Notifications:Delivery must be 'file' or 'smtp', not 'pigeon'")]
    [InlineData("AccessRequests:Notifications:From", "AccessRequests at nowhere", "AccessRequests:Notifications:From is not an e-mail address")]
    [InlineData("AccessRequests:Notifications:Smtp:TrustedCertificatePath", "/nonexistent/ca.pem", "TrustedCertificatePath")]
    public void a_wrong_setting_stops_the_start_with_a_message_that_names_it(string key, string value, string message)
    {
        var options = Configured(new() { ["AccessRequests:Notifications:Delivery"] = "smtp", [key] = value });

        Should.Throw<InvalidOperationException>(() => Transport(options)).Message.ShouldContain(message);
    }
}
