using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AccessRequests.Testing;

/// <summary>
/// A real, external OpenID provider (node-oidc-provider, <c>tests/node/idp.mjs</c>) in a process of its own on a free
/// loopback port. Its development login page takes any login name; the fixture drives it with plain HTTP, so API
/// tests get genuine access tokens from an authorization code flow with PKCE, without a browser.
/// </summary>
public sealed partial class TestIdentityProvider : IAsyncDisposable
{
    public const string Audience = "access-requests";
    public const string WebClientId = "accessrequests-web";
    public const string MachineClientId = "provisioning-ngc-hpc";

    private readonly Process process;
    private readonly StringBuilder log;

    private TestIdentityProvider(Process process, StringBuilder log, string issuer, string webClientSecret, string machineClientSecret, string redirectUri)
    {
        this.process = process;
        this.log = log;
        Issuer = issuer;
        WebClientSecret = webClientSecret;
        MachineClientSecret = machineClientSecret;
        RedirectUri = redirectUri;
    }

    public string Issuer { get; }
    public string WebClientSecret { get; }
    public string MachineClientSecret { get; }

    /// <summary>Where the browser client is sent back; nothing listens there, the code is read from the redirect.</summary>
    public string RedirectUri { get; }

    /// <summary>What the provider wrote to stdout and stderr (for failure messages).</summary>
    public string Log { get { lock (log) return log.ToString(); } }

    /// <summary>
    /// Starts the provider. <paramref name="redirectUri"/> and <paramref name="postLogoutRedirectUri"/> register the
    /// browser client's callback and post-logout addresses (a service on a real port); by default the client is sent
    /// to an address nobody listens on, which is all <see cref="SignInAsync"/> needs.
    /// </summary>
    public static async Task<TestIdentityProvider> StartAsync(string? redirectUri = null, string? postLogoutRedirectUri = null)
    {
        var port = FreePort();
        var webSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var machineSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        redirectUri ??= "http://127.0.0.1:1/signin-oidc";
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "tests", "node"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("idp.mjs");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["IDP_WEB_CLIENT_SECRET"] = webSecret;
        start.Environment["IDP_WEB_REDIRECT_URI"] = redirectUri;
        start.Environment["IDP_MACHINE_CLIENT_SECRET"] = machineSecret;
        if (postLogoutRedirectUri is not null)
        {
            start.Environment["IDP_WEB_POST_LOGOUT_REDIRECT_URI"] = postLogoutRedirectUri;
        }

        var log = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (e.Data.Trim() == "ready") ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (log) log.AppendLine(e.Data);
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("idp.mjs exited before it was ready (run tests/infra/node.sh)"));
        if (!process.Start())
        {
            throw new InvalidOperationException("node could not be started; tests/infra/node.sh installs it.");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var provider = new TestIdentityProvider(process, log, $"http://127.0.0.1:{port}", webSecret, machineSecret, redirectUri);
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e)
        {
            await provider.DisposeAsync();
            throw new InvalidOperationException($"The test identity provider did not start: {e.Message}\n{provider.Log}", e);
        }
        return provider;
    }

    /// <summary>An access token for the machine client (client credentials, client_secret_basic).</summary>
    public async Task<TokenSet> ClientCredentialsAsync(string scope = "grants:read")
    {
        using var http = new HttpClient();
        var discovery = await DiscoverAsync(http);
        return await TokenRequestAsync(http, discovery.TokenEndpoint, MachineClientId, MachineClientSecret, new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = scope,
        });
    }

    /// <summary>
    /// Signs <paramref name="login"/> in as a browser would, through the provider's login and consent pages, with an
    /// authorization code and PKCE; returns the tokens the web client gets for the code.
    /// </summary>
    public async Task<TokenSet> SignInAsync(string login, string scope = "openid profile email wayf")
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        var discovery = await DiscoverAsync(http);

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = WebClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var response = await http.GetAsync($"{discovery.AuthorizationEndpoint}?{query}");
        for (var step = 0; step < 12; step++)
        {
            var page = response.RequestMessage!.RequestUri!;
            if (IsRedirect(response.StatusCode))
            {
                var location = new Uri(page, response.Headers.Location!);
                if (location.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal))
                {
                    var parameters = ParseQuery(location.Query);
                    if (parameters.TryGetValue("error", out var error))
                    {
                        throw new InvalidOperationException($"The provider refused the sign-in: {error} {parameters.GetValueOrDefault("error_description")}");
                    }
                    if (parameters.GetValueOrDefault("state") != state) throw new InvalidOperationException("The redirect carried another state.");
                    return await TokenRequestAsync(http, discovery.TokenEndpoint, WebClientId, WebClientSecret, new()
                    {
                        ["grant_type"] = "authorization_code",
                        ["code"] = parameters["code"],
                        ["redirect_uri"] = RedirectUri,
                        ["code_verifier"] = verifier,
                    });
                }
                response = await http.GetAsync(location);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The provider answered {response.StatusCode} at {page}: {html}");
            var form = FormPattern().Match(html);
            if (!form.Success) throw new InvalidOperationException($"No form at {page}: {html}");
            var action = new Uri(page, WebUtility.HtmlDecode(form.Groups["action"].Value));
            var prompt = PromptPattern().Match(form.Value).Groups["prompt"].Value;
            var fields = prompt switch
            {
                "login" => new Dictionary<string, string> { ["prompt"] = "login", ["login"] = login, ["password"] = "any" },
                "consent" => new Dictionary<string, string> { ["prompt"] = "consent" },
                _ => throw new InvalidOperationException($"Unexpected interaction '{prompt}' at {page}"),
            };
            response = await http.PostAsync(action, new FormUrlEncodedContent(fields));
        }
        throw new InvalidOperationException("The sign-in did not end at the redirect URI.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // It never started or has already gone.
        }
        process.Dispose();
    }

    private sealed record Discovery(string AuthorizationEndpoint, string TokenEndpoint);

    private async Task<Discovery> DiscoverAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync($"{Issuer}/.well-known/openid-configuration"));
        var root = document.RootElement;
        return new(root.GetProperty("authorization_endpoint").GetString()!, root.GetProperty("token_endpoint").GetString()!);
    }

    private static async Task<TokenSet> TokenRequestAsync(HttpClient http, string endpoint, string clientId, string secret, Dictionary<string, string> form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
        var basic = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The token endpoint answered {response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        string? Optional(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new TokenSet(root.GetProperty("access_token").GetString()!, Optional("id_token"), Optional("refresh_token"), Optional("scope"));
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccessRequests.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("AccessRequests.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""<form[^>]*\baction="(?<action>[^"]+)"[^>]*>.*?</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""name="prompt"\s+value="(?<prompt>[^"]+)""")]
    private static partial Regex PromptPattern();
}

/// <summary>What the token endpoint answered.</summary>
public sealed record TokenSet(string AccessToken, string? IdToken, string? RefreshToken, string? Scope);
