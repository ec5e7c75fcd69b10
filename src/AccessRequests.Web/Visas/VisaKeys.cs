using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Visas;

/// <summary>
/// The key visas are signed with, and the public keys verifiers may meet: the current one and the previous ones
/// (kept in the JWKS until the visas they signed have expired). In the embedded default the key is generated at first
/// run under the data folder; in production it is read from <c>Visas:SigningKeyPath</c>.
/// </summary>
public sealed class VisaKeys
{
    public VisaKeys(IOptions<ServiceOptions> options)
    {
        var visas = options.Value.Visas;
        Signing = RsaKeyFile.Load(visas.SigningKeyPath ?? options.Value.DataPath("keys", "visa-signing.pem"), create: visas.SigningKeyPath is null);
        Published = [Signing, .. visas.PreviousKeyPaths.Select(p => RsaKeyFile.Load(p, create: false))];
    }

    public RsaSecurityKey Signing { get; }

    public IReadOnlyList<RsaSecurityKey> Published { get; }

    public object Jwks() => new { keys = Published.Select(RsaKeyFile.Jwk) };
}
