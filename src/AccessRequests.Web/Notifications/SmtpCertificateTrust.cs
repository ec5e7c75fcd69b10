using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Certificates trusted for SMTP servers besides the system's roots (Smtp:TrustedCertificatePath). SmtpClient checks a
/// server's certificate only through the process-wide ServicePointManager callback, so this sets that callback; it
/// accepts what the system trusts, and otherwise only a chain that ends in one of these certificates for the right
/// host name. Nothing else in the service uses that callback (HttpClient does not).
/// </summary>
internal static class SmtpCertificateTrust
{
    private static readonly Lock Gate = new();
    private static X509Certificate2Collection roots = [];

    public static void Add(string pemPath)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(pemPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"AccessRequests:Notifications:Smtp:TrustedCertificatePath: cannot read a PEM certificate from {pemPath}: {e.Message}", e);
        }
        if (certificates.Count == 0)
        {
            throw new InvalidOperationException($"AccessRequests:Notifications:Smtp:TrustedCertificatePath: {pemPath} holds no PEM certificate.");
        }
        lock (Gate)
        {
            // A new collection each time: a handshake in flight reads the old one undisturbed.
            var next = new X509Certificate2Collection(roots);
            foreach (var certificate in certificates)
            {
                if (!next.Contains(certificate))
                {
                    next.Add(certificate);
                }
            }
            roots = next;
#pragma warning disable SYSLIB0014 // obsolete, but the only way SmtpClient lets a caller judge the server's certificate
            ServicePointManager.ServerCertificateValidationCallback = Validate;
#pragma warning restore SYSLIB0014
        }
    }

    private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        // A wrong host name or no certificate at all is refused whoever signed it.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(leaf);
    }
}
