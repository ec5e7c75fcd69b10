using System.Collections.Concurrent;
using System.Globalization;

namespace AccessRequests.Testing;

/// <summary>
/// The throwaway exim of tests/infra/mail.sh, as tests/run.sh exports it: plain SMTP on <see cref="Port"/>, STARTTLS
/// (with <see cref="CertificatePath"/>'s self-signed certificate) and AUTH on <see cref="TlsPort"/>, every message
/// delivered into one Maildir. Tests share that mailbox, so each sends to a domain of its own
/// (<see cref="NewDomain"/>) and looks only there (<see cref="ForDomain"/>).
/// </summary>
public sealed class TestMailServer
{
    public const string Variable = "ACCESSREQUESTS_TEST_SMTP";

    /// <summary>Parsed once per file: a delivered message never changes (exim moves it into new/ whole).</summary>
    private static readonly ConcurrentDictionary<string, ReceivedMail> Parsed = new();

    private readonly Func<ReceivedMail, bool> scope;
    private readonly string scopeName;

    private TestMailServer(
        string host, int port, int tlsPort, string username, string password, string certificatePath, string maildir,
        Func<ReceivedMail, bool> scope, string scopeName)
    {
        Host = host;
        Port = port;
        TlsPort = tlsPort;
        Username = username;
        Password = password;
        CertificatePath = certificatePath;
        Maildir = maildir;
        this.scope = scope;
        this.scopeName = scopeName;
    }

    public string Host { get; }

    /// <summary>Plain SMTP: no TLS, no AUTH.</summary>
    public int Port { get; }

    /// <summary>SMTP with STARTTLS, and AUTH once TLS is on.</summary>
    public int TlsPort { get; }

    /// <summary>The one account the server knows; recipients in an <c>auth-</c> domain need it.</summary>
    public string Username { get; }

    public string Password { get; }

    /// <summary>The server's self-signed certificate (PEM).</summary>
    public string CertificatePath { get; }

    public string Maildir { get; }

    public static TestMailServer FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        var certificate = Environment.GetEnvironmentVariable("ACCESSREQUESTS_TEST_SMTP_CERT");
        var maildir = Environment.GetEnvironmentVariable("ACCESSREQUESTS_TEST_MAILDIR");
        if (string.IsNullOrEmpty(value) || string.IsNullOrEmpty(certificate) || string.IsNullOrEmpty(maildir))
        {
            throw new InvalidOperationException(
                $"{Variable}, ACCESSREQUESTS_TEST_SMTP_CERT and ACCESSREQUESTS_TEST_MAILDIR are not set, so there is no mail " +
                "server to test against: run tests/run.sh, or eval \"$(bash tests/infra/mail.sh start)\" first.");
        }
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1]);
        return new TestMailServer(
            parts["host"], int.Parse(parts["port"], CultureInfo.InvariantCulture), int.Parse(parts["tlsport"], CultureInfo.InvariantCulture),
            parts["username"], parts["password"], certificate, maildir, _ => true, "the whole mailbox");
    }

    /// <summary>
    /// A domain no other test uses (<c>t&lt;guid&gt;.test</c>); with <paramref name="requiresAuthentication"/>, one whose
    /// recipients the server refuses unless the client authenticated (<c>auth-t&lt;guid&gt;.test</c>).
    /// </summary>
    public static string NewDomain(bool requiresAuthentication = false) =>
        $"{(requiresAuthentication ? "auth-" : "")}t{Guid.NewGuid():N}.test";

    /// <summary>The same server, looking only at mail delivered to recipients in <paramref name="domain"/>.</summary>
    public TestMailServer ForDomain(string domain) =>
        Scoped(m => RecipientDomain(m).Equals(domain, StringComparison.OrdinalIgnoreCase), $"mail to @{domain}");

    /// <summary>The same server, looking only at mail delivered to <paramref name="address"/>.</summary>
    public TestMailServer ForAddress(string address) =>
        Scoped(m => string.Equals(m.EnvelopeTo, address, StringComparison.OrdinalIgnoreCase), $"mail to {address}");

    /// <summary>Every message in scope now, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> All() => Matching(_ => true);

    /// <summary>The messages in scope now that match, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Matching(Func<ReceivedMail, bool> predicate) =>
        Delivered().Where(m => scope(m) && predicate(m)).ToList();

    /// <summary>
    /// Waits until <paramref name="count"/> messages in scope match and returns them; more than that is a failure too (a
    /// mail sent twice). On time-out the exception lists what did arrive, so a failing test says what it got instead.
    /// </summary>
    /// <param name="predicate">Which messages count.</param>
    /// <param name="count">How many are expected.</param>
    /// <param name="timeout">How long to wait for them.</param>
    /// <param name="what">What is awaited, for the failure message (e.g. "the Danish invitation to the applicant").</param>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<ReceivedMail, bool> predicate, int count, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Matching(predicate);
            if (found.Count > count)
            {
                throw new InvalidOperationException($"Expected {count} × {what} in {scopeName}, but {found.Count} arrived.{Listing(All())}");
            }
            if (found.Count == count)
            {
                return found;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"Expected {count} × {what} in {scopeName} within {timeout.TotalSeconds:0.#} s; {found.Count} matched.{Listing(All())}");
            }
            await Task.Delay(100);
        }
    }

    public Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan timeout, string what) =>
        WaitForAsync(_ => true, count, timeout, what);

    private TestMailServer Scoped(Func<ReceivedMail, bool> inner, string name) =>
        new(Host, Port, TlsPort, Username, Password, CertificatePath, Maildir, m => scope(m) && inner(m), name);

    private static string RecipientDomain(ReceivedMail mail)
    {
        var to = mail.EnvelopeTo ?? "";
        return to[(to.LastIndexOf('@') + 1)..].Trim();
    }

    private IEnumerable<ReceivedMail> Delivered()
    {
        var files = new[] { "new", "cur" }
            .Select(sub => Path.Combine(Maildir, sub))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .OrderBy(ArrivalKey);
        foreach (var file in files)
        {
            yield return Parsed.GetOrAdd(file, ReceivedMail.Read);
        }
    }

    /// <summary>Exim names a Maildir file <c>seconds.Mmicroseconds…</c>: the delivery time, close to arrival order.</summary>
    private static (long, long, string) ArrivalKey(string file)
    {
        var name = Path.GetFileName(file);
        var m = System.Text.RegularExpressions.Regex.Match(name, @"^(\d+)\.M(\d+)");
        return m.Success
            ? (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), name)
            : (long.MaxValue, 0, name);
    }

    private static string Listing(IReadOnlyList<ReceivedMail> mails) =>
        mails.Count == 0
            ? " Nothing arrived there."
            : $" What arrived there ({mails.Count}):\n" + string.Join("\n", mails.Select(m => "  " + m));
}
