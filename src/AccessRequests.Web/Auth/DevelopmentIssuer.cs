using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Auth;

/// <summary>
/// A small OpenID issuer for the embedded default and tests: RS256 tokens for the demo users, with discovery and
/// JWKS, validated by the same JwtBearer handler as any external issuer. Its key is generated at first run.
/// </summary>
public sealed class DevelopmentIssuer
{
    public const string Scheme = "development";
    public const string Audience = "access-requests";
    public const string PathBase = "/dev-issuer";

    private readonly RsaSecurityKey signingKey;
    private readonly TimeProvider clock;

    public DevelopmentIssuer(IOptions<ServiceOptions> options, TimeProvider clock)
    {
        this.clock = clock;
        Issuer = options.Value.PublicUrl.TrimEnd('/') + PathBase;
        signingKey = RsaKeyFile.Load(options.Value.DataPath("keys", "development-issuer.pem"), create: true);
    }

    public string Issuer { get; }

    public SecurityKey PublicKey => new RsaSecurityKey(signingKey.Rsa.ExportParameters(false)) { KeyId = signingKey.KeyId };

    public string IssueToken(DemoUser user, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return IssueToken(user, now, now + lifetime, Audience);
    }

    /// <summary>Any token this issuer could sign; tests make expired and misaddressed ones with it.</summary>
    internal string IssueToken(DemoUser user, DateTime notBefore, DateTime expires, string audience)
    {
        var claims = user.Claims().ToDictionary(c => c.Key, c => (object)c.Value);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public object Jwks() => new { keys = new[] { RsaKeyFile.Jwk(signingKey) } };
}
