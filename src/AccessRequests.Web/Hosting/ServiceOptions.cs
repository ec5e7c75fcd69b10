namespace AccessRequests.Web.Hosting;

/// <summary>The <c>AccessRequests</c> configuration section (DESIGN.md §6).</summary>
public sealed class ServiceOptions
{
    public const string Section = "AccessRequests";

    /// <summary>Where the embedded database, keys and attachments live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The address users and visa verifiers reach the service at.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    public StoreOptions Store { get; set; } = new();
    public AuthOptions Auth { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public WorkflowOptions Workflows { get; set; } = new();
    public TimerOptions Timers { get; set; } = new();
    public VisaOptions Visas { get; set; } = new();
    public BusOptions Bus { get; set; } = new();
    public NotificationOptions Notifications { get; set; } = new();

    /// <summary>Reached over https: cookies are then marked Secure, so a browser never sends them over plain http.</summary>
    public bool HttpsOnly => PublicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public string DataPath(params string[] parts) => Path.GetFullPath(Path.Combine([DataDirectory, .. parts]));
}

public sealed class StoreOptions
{
    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// Create missing tables at start (default). Off where the service's database role may not create or alter them
    /// (PostgreSQL with INSERT and SELECT only on events): the schema's owner creates them, by one start with this on.
    /// </summary>
    public bool CreateSchema { get; set; } = true;
}

public sealed class WorkflowOptions
{
    /// <summary>The folder of workflow files; default: the <c>workflows</c> folder shipped beside the service.</summary>
    public string? Directory { get; set; }
}

public sealed class BusOptions
{
    /// <summary><c>inmemory</c> (default: the reference provisioning worker runs inside the service) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = "inmemory";

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>How often the relay looks for new events when it has caught up.</summary>
    public double RelayPollSeconds { get; set; } = 0.5;
}

public sealed class NotificationOptions
{
    /// <summary><c>file</c> (default: each e-mail written as an .eml file under the data folder's <c>mail</c>) or <c>smtp</c>.</summary>
    public string Delivery { get; set; } = "file";

    /// <summary>The sender of every e-mail, e.g. <c>AccessRequests &lt;noreply@example.dk&gt;</c>.</summary>
    public string From { get; set; } = "AccessRequests <noreply@accessrequests.invalid>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The hour of the day (UTC) at which daily digests go out.</summary>
    public int DigestHourUtc { get; set; } = 6;

    /// <summary>How often the outbox and the event log are looked at for work.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Tries of one e-mail before it is marked failed (shown to admins).</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The wait after the first failed try; it doubles with each further failure, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>
    /// The key invitation links are made with (default: made at first run under the data folder's <c>keys</c>). Every
    /// instance of the service must read the same key.
    /// </summary>
    public string? InvitationKeyPath { get; set; }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS before sending (and refuse to send if the server cannot).</summary>
    public bool StartTls { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// A PEM certificate (a private CA's, or the server's own self-signed one) trusted for the server's TLS besides the
    /// system's roots, so a server with an in-house certificate is verified rather than trusted blindly.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
    public string VirtualHost { get; set; } = "/";
}

public sealed class VisaOptions
{
    /// <summary>The PEM private key visas are signed with; default: generated at first run under the data folder.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Keys that signed visas still valid: published in the JWKS, never used to sign.</summary>
    public List<string> PreviousKeyPaths { get; set; } = [];
}

public sealed class TimerOptions
{
    /// <summary>How often due timers (deadlines, reminders) are looked for.</summary>
    public double PollSeconds { get; set; } = 5;
}

public sealed class DemoOptions
{
    /// <summary>Seed the demo catalogue when the catalogue is empty. Default: on with SQLite, off with PostgreSQL.</summary>
    public bool? Seed { get; set; }
}

public sealed class AuthOptions
{
    public List<IssuerOptions> Issuers { get; set; } = [];

    /// <summary>User ids that are administrators.</summary>
    public List<string> Admins { get; set; } = [];

    public DevelopmentIssuerOptions DevelopmentIssuer { get; set; } = new();
}

public sealed class IssuerOptions
{
    public string Authority { get; set; } = "";
    public string Audience { get; set; } = "";
    public bool RequireHttpsMetadata { get; set; } = true;
    public string? DisplayName { get; set; }
    public string UserIdClaim { get; set; } = "sub";
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>What browser sign-in asks for; add the federation's attribute scope (e.g. WAYF's) where it has one.</summary>
    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];
}

public sealed class DevelopmentIssuerOptions
{
    /// <summary>Default: on in Development only. The service refuses to start in Production with it on.</summary>
    public bool? Enabled { get; set; }
}
