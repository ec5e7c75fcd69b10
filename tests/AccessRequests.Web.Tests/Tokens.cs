using System.Security.Cryptography;
using System.Text;
using AccessRequests.Web.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Tests;

/// <summary>Tokens an attacker could present, or that have simply gone stale.</summary>
public static class Tokens
{
    public sealed record Forgery(string Name, string Value);

    public static IEnumerable<Forgery> Forgeries(string genuine, DevelopmentIssuer issuer)
    {
        var parts = genuine.Split('.');
        var researcher = DemoUser.Find("researcher")!;
        var now = DateTime.UtcNow;

        yield return new("alg none", $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.");
        yield return new("tampered payload", $"{parts[0]}.{Encode(Base64UrlEncoder.Decode(parts[1]).Replace("Rikke Jensen", "Rikke Admin"))}.{parts[2]}");
        yield return new("expired", issuer.IssueToken(researcher, now.AddHours(-2), now.AddHours(-1), DevelopmentIssuer.Audience));
        yield return new("wrong audience", issuer.IssueToken(researcher, now, now.AddHours(1), "someone-else"));
        yield return new("wrong key", SignWithOwnKey(issuer.Issuer, now));
        yield return new("untrusted issuer", SignWithOwnKey("https://evil.example.org", now));
        yield return new("garbage", "not-a-jwt");
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>Signed with a key of our own: the service must not trust it, whatever it claims.</summary>
    private static string SignWithOwnKey(string issuer, DateTime now)
    {
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = DevelopmentIssuer.Audience,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "researcher", ["name"] = "Rikke Jensen" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "attacker" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
