using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// A certificate trusted for an SMTP server besides the system's roots (Smtp:TrustedCertificatePath). SmtpClient lets a
/// caller judge the server's certificate only through the process-wide ServicePointManager callback; the certificates
/// that callback trusts beyond the system's are those of the send in progress (an async-local value), so one
/// transport's trust never extends to another's server. A wrong host name is refused whoever signed the certificate.
/// </summary>
internal static class SmtpCertificateTrust
{
    private static readonly AsyncLocal<X509Certificate2Collection?> Current = new();
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>The certificates in the PEM file, or a start-up error that names the setting.</summary>
    public static X509Certificate2Collection Load(string pemPath)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(pemPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"AccessRequests:Notifications:Smtp:TrustedCertificatePath: cannot read a PEM certificate from {pemPath}: {e.Message}", e);
        }
        if (certificates.Count == 0)
        {
            throw new InvalidOperationException($"AccessRequests:Notifications:Smtp:TrustedCertificatePath: {pemPath} holds no PEM certificate.");
        }
        lock (Gate)
        {
            if (!installed)
            {
#pragma warning disable SYSLIB0014 // obsolete, but the only way SmtpClient lets a caller judge the server's certificate
                ServicePointManager.ServerCertificateValidationCallback = Validate;
#pragma warning restore SYSLIB0014
                installed = true;
            }
        }
        return certificates;
    }

    /// <summary>Trusts <paramref name="roots"/> for the TLS handshakes of the calling async flow from here on.</summary>
    public static void TrustForThisSend(X509Certificate2Collection? roots) => Current.Value = roots;

    private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        var roots = Current.Value;
        if (roots is null || errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
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
