using AccessRequests.Testing;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>The demo users' e-mail addresses, and how long a test waits for a mail.</summary>
public static class DemoAddresses
{
    public const string Researcher = "rikke.jensen@ku.dk";
    public const string CoApplicant = "carl.nielsen@au.dk";
    public const string Steward = "sofie.steward@ngc.dk";
    public const string Chair = "christian.holm@rh.dk";
    public const string Member1 = "mette.lund@sdu.dk";
    public const string Member2 = "mads.berg@dtu.dk";

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
}

/// <summary>The settings that send the service's e-mail to the test mail server on loopback, polled often.</summary>
public static class Mailing
{
    public static Dictionary<string, string> Settings(TestMailServer mail, IReadOnlyDictionary<string, string> overrides) =>
        new Dictionary<string, string>
        {
            ["AccessRequests:Notifications:Delivery"] = "smtp",
            ["AccessRequests:Notifications:Smtp:Host"] = mail.Host,
            ["AccessRequests:Notifications:Smtp:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AccessRequests:Notifications:PollSeconds"] = "0.1",
            ["AccessRequests:Notifications:RetryBaseSeconds"] = "0.2",
            ["AccessRequests:Notifications:RetryMaxSeconds"] = "1",
        }.Concat(overrides).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value);
}

public class MailingSqliteServiceFixture : SqliteServiceFixture
{
    public TestMailServer Mail { get; } = TestMailServer.FromEnvironment();

    /// <summary>Settings a test changes before <see cref="ServiceFixture.RestartAsync"/>.</summary>
    public Dictionary<string, string> Overrides { get; } = [];

    protected override IReadOnlyDictionary<string, string> Settings => Mailing.Settings(Mail, Overrides);
}

public sealed class MailingPostgresServiceFixture : PostgresServiceFixture
{
    public TestMailServer Mail { get; } = TestMailServer.FromEnvironment();

    protected override IReadOnlyDictionary<string, string> Settings => Mailing.Settings(Mail, new Dictionary<string, string>());
}

/// <summary>
/// A mailing service whose clock the test moves (digests and deadlines fall due in a test run). It starts now, as the
/// development issuer's tokens are dated by it; the digest hour is two hours on, so no digest is due before the test
/// moves the clock.
/// </summary>
public sealed class MailingClockServiceFixture : MailingSqliteServiceFixture
{
    public MailingClockServiceFixture() =>
        Overrides["AccessRequests:Notifications:DigestHourUtc"] = ((Time.GetUtcNow().Hour + 2) % 24).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ManualClock Time { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Clock => Time;
}
