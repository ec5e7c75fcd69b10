using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Hosting;

/// <summary>An RSA signing key kept as a PEM file, readable by the service's user only, made at first use where allowed.</summary>
public static class RsaKeyFile
{
    /// <summary>
    /// The key in <paramref name="path"/>; when missing, a new 2048-bit key is written there if <paramref name="create"/>
    /// (several processes starting at once all end up with the one that was written first). The key id is its JWK thumbprint.
    /// </summary>
    public static RsaSecurityKey Load(string path, bool create)
    {
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new InvalidOperationException($"The signing key '{path}' does not exist.");
            }
            using var fresh = RSA.Create(2048);
            SecretFile.WriteOnce(path, fresh.ExportPkcs8PrivateKeyPem());
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    /// <summary>The public half as a JWKS entry.</summary>
    public static object Jwk(RsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
        return new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = key.KeyId, n = jwk.N, e = jwk.E };
    }
}
