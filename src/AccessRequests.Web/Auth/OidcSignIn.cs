using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Auth;

/// <summary>One trusted issuer's browser sign-in: authorization code + PKCE, endpoints from its discovery document.</summary>
public sealed class OidcOptions : OAuthOptions
{
    public string Authority { get; set; } = "";
    public bool RequireHttpsMetadata { get; set; } = true;
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>The audience of the issuer's access tokens for this service (the API's).</summary>
    public string Audience { get; set; } = "";

    public ConfigurationManager<OpenIdConnectConfiguration>? Discovery { get; set; }
}

/// <summary>
/// The shared framework's OAuth handler, made an OpenID Connect relying party: it reads the issuer's discovery document,
/// sends a nonce, and validates the id_token (signature from the issuer's JWKS, iss, aud, exp, nonce) before anyone is
/// signed in. The user's claims (name, e-mail, WAYF affiliation) come from the id_token and the access token.
/// </summary>
public sealed class OidcHandler(IOptionsMonitor<OidcOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
    : OAuthHandler<OidcOptions>(options, logger, encoder)
{
    private const string NonceKey = ".nonce";
    public const string IdTokenName = "id_token";

    private OpenIdConnectConfiguration? configuration;

    protected override async Task InitializeHandlerAsync()
    {
        await base.InitializeHandlerAsync();
        Options.Discovery ??= new ConfigurationManager<OpenIdConnectConfiguration>(
            Options.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(Backchannel) { RequireHttps = Options.RequireHttpsMetadata });
        configuration = await Options.Discovery.GetConfigurationAsync(Context.RequestAborted);
        Options.AuthorizationEndpoint = configuration.AuthorizationEndpoint;
        Options.TokenEndpoint = configuration.TokenEndpoint;
    }

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        var nonce = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        properties.Items[NonceKey] = nonce;
        return QueryHelpers.AddQueryString(base.BuildChallengeUrl(properties, redirectUri), "nonce", nonce);
    }

    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        var idToken = tokens.Response?.RootElement.TryGetProperty(IdTokenName, out var value) == true ? value.GetString() : null;
        if (string.IsNullOrEmpty(idToken))
        {
            throw new AuthenticationFailureException("The issuer sent no id_token.");
        }
        var handler = new JsonWebTokenHandler();
        var validated = await handler.ValidateTokenAsync(idToken, Parameters(Options.ClientId));
        if (!validated.IsValid)
        {
            throw new AuthenticationFailureException("The id_token is not valid: " + validated.Exception?.Message, validated.Exception);
        }
        var nonce = validated.ClaimsIdentity.FindFirst("nonce")?.Value;
        if (nonce is null || !properties.Items.TryGetValue(NonceKey, out var expected) || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(nonce), System.Text.Encoding.UTF8.GetBytes(expected ?? "")))
        {
            throw new AuthenticationFailureException("The id_token's nonce does not match the sign-in's.");
        }
        properties.Items.Remove(NonceKey);

        var claims = validated.ClaimsIdentity.Claims.ToList();
        claims.AddRange(await AccessTokenClaims(tokens.AccessToken));
        var userId = claims.FirstOrDefault(c => c.Type == Options.UserIdClaim)?.Value
            ?? throw new AuthenticationFailureException($"The id_token has no '{Options.UserIdClaim}' claim.");
        identity.AddClaim(new Claim(AuthenticationSetup.UserIdClaim, userId));
        identity.AddClaim(new Claim(AuthenticationSetup.IssuerClaim, configuration!.Issuer));
        foreach (var type in new[] { "name", "email", "eduPersonScopedAffiliation", "schacHomeOrganization", "eduPersonPrincipalName", "voperson_external_affiliation" })
        {
            foreach (var claim in claims.Where(c => c.Type == type).DistinctBy(c => c.Value))
            {
                identity.AddClaim(new Claim(type, claim.Value));
            }
        }
        properties.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
        properties.Items[".issuer-scheme"] = Scheme.Name;
        properties.Items[".signed-in-at"] = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name);
    }

    /// <summary>
    /// What the issuer says of the user beyond the id_token: the access token's claims when it is a JWT for this service
    /// (validated like any bearer token), else the userinfo endpoint's.
    /// </summary>
    private async Task<IEnumerable<Claim>> AccessTokenClaims(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return [];
        }
        if (!string.IsNullOrEmpty(Options.Audience))
        {
            var asJwt = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, Parameters(Options.Audience));
            if (asJwt.IsValid)
            {
                return asJwt.ClaimsIdentity.Claims;
            }
        }
        if (string.IsNullOrEmpty(configuration!.UserInfoEndpoint))
        {
            return [];
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Context.RequestAborted));
        return json.RootElement.EnumerateObject().SelectMany(p => p.Value.ValueKind == JsonValueKind.Array
            ? p.Value.EnumerateArray().Select(v => new Claim(p.Name, v.ToString()))
            : [new Claim(p.Name, p.Value.ToString())]);
    }

    private TokenValidationParameters Parameters(string audience) => new()
    {
        ValidIssuer = configuration!.Issuer,
        ValidAudience = audience,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "ES256"],
        ValidateLifetime = true,
    };
}
