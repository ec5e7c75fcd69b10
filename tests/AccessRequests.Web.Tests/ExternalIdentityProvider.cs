using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AccessRequests.Testing;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Tests;

/// <summary>
/// The service trusting one real, external OpenID provider and nothing else (no development issuer): users sign in
/// there with an authorization code and PKCE and call the API with its JWT access tokens.
/// </summary>
public abstract class ExternalIdentityProvider(ServiceWithExternalIssuer fixture)
{
    private TestIdentityProvider Idp => fixture.Idp;

    private async Task<HttpClient> SignedIn(string login) => fixture.ClientWith((await Idp.SignInAsync(login)).AccessToken);

    [Fact]
    public async Task a_user_signed_in_at_the_provider_applies_under_the_providers_subject()
    {
        var rikke = await SignedIn("rikke");
        var id = await rikke.CreateApplication(Api.Wgs);
        await rikke.Command(id, "save-draft", Api.CompleteDraft()).Ok();

        var application = await rikke.Get($"/api/applications/{id}");
        var applicant = application.GetProperty("applicant");
        applicant.GetProperty("id").GetString().ShouldBe("rikke");
        applicant.GetProperty("name").GetString().ShouldBe("Rikke Jensen");
        applicant.GetProperty("email").GetString().ShouldBe("rikke@ku.dk");
        application.GetProperty("title").GetString().ShouldBe("Rare variants in Danish epilepsy patients");
        (await rikke.Inbox("mine")).ShouldContain(id);
    }

    [Fact]
    public async Task the_providers_affiliation_claim_approves_registered_access_at_submit()
    {
        var rikke = await SignedIn("rikke");
        var id = await RegisteredAccessReadyToSubmit(rikke);
        await rikke.Command(id, "submit").Ok();

        (await rikke.Status(id)).ShouldBe("approved");
        var affiliation = (await rikke.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("affiliation");
        affiliation.GetProperty("institution").GetString().ShouldBe("ku");
        affiliation.GetRawText().ShouldContain("member@ku.dk");
    }

    [Fact]
    public async Task without_an_affiliation_claim_the_user_is_asked_to_declare_one()
    {
        var ola = await SignedIn("ola");
        var id = await RegisteredAccessReadyToSubmit(ola);
        (await ola.Command(id, "submit").Problem(HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("submit.affiliation-missing");
        (await ola.Status(id)).ShouldBe("draft");
    }

    [Fact]
    public async Task a_token_of_another_provider_is_refused()
    {
        var untrusted = await fixture.UntrustedIdp.SignInAsync("rikke");
        var client = fixture.ClientWith(untrusted.AccessToken);
        (await client.PostAsync("/api/applications", Json(new { datasetIds = new[] { Api.Wgs } }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/applications?view=mine")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task expired_garbage_tampered_and_unsigned_tokens_are_refused_and_change_nothing()
    {
        var rikke = await SignedIn("rikke");
        var id = await rikke.CreateApplication(Api.Wgs);
        var genuine = rikke.DefaultRequestHeaders.Authorization!.Parameter!.Split('.');
        var expired = (await Idp.SignInAsync("expired-rikke")).AccessToken;
        var forgeries = new Dictionary<string, string>
        {
            ["expired"] = expired,
            ["garbage"] = "not-a-jwt",
            ["alg none"] = $"{Encode("""{"alg":"none","typ":"at+jwt"}""")}.{genuine[1]}.",
            ["tampered"] = $"{genuine[0]}.{Encode(Base64UrlEncoder.Decode(genuine[1]).Replace("Rikke Jensen", "Rikke Admin"))}.{genuine[2]}",
        };
        foreach (var (name, token) in forgeries)
        {
            var answer = await fixture.ClientWith(token).Command(id, "save-draft", Api.CompleteDraft("Forged"));
            answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, name);
        }
        (await rikke.EventTypes(id)).ShouldBe(["application-created"]);
    }

    /// <summary>
    /// Roles come from the service's own data, keyed by user id: the demo seed gives the user id
    /// <c>provisioning-ngc-hpc</c> the provisioning role, and a client-credentials token's <c>sub</c> is the client id,
    /// so the machine client (its token issued to itself, with the grants:read scope) reads every grant and every visa,
    /// and may not apply.
    /// </summary>
    [Fact]
    public async Task the_machine_clients_token_gets_the_provisioning_role_the_service_gives_its_client_id()
    {
        var rikke = await SignedIn("rikke");
        var id = await RegisteredAccessReadyToSubmit(rikke);
        await rikke.Command(id, "submit").Ok();
        var rikkesGrants = (await rikke.Get("/api/grants?active=true")).EnumerateArray().Select(g => g.GetProperty("grantId").GetGuid()).ToList();
        rikkesGrants.ShouldNotBeEmpty();

        var machine = fixture.ClientWith((await Idp.ClientCredentialsAsync()).AccessToken);
        var seen = (await machine.Get("/api/grants?location=region-h&active=true")).EnumerateArray().Select(g => g.GetProperty("grantId").GetGuid()).ToList();
        rikkesGrants.ShouldBeSubsetOf(seen);
        (await machine.Get("/api/permissions/rikke")).GetProperty("ga4gh_passport_v1").GetArrayLength().ShouldBeGreaterThan(0);
        (await machine.PostAsync("/api/applications", Json(new { datasetIds = new[] { Api.Wgs } })).Problem(HttpStatusCode.Forbidden))
            .GetProperty("rule").GetString().ShouldBe("create.machine-client");
    }

    /// <summary>
    /// The same role reaches a person whose <c>sub</c> at the trusted provider equals the client id (here: anyone may
    /// pick any login name at the provider's development login page). Whether that matters depends on who may choose
    /// their <c>sub</c> at a production issuer; the service cannot tell a client's token from a user's.
    /// </summary>
    [Fact]
    public async Task a_user_whose_subject_equals_the_machine_clients_id_does_not_get_its_role()
    {
        var impostor = await SignedIn(TestIdentityProvider.MachineClientId);
        (await impostor.GetAsync("/api/permissions/rikke")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<Guid> RegisteredAccessReadyToSubmit(HttpClient applicant)
    {
        var id = await applicant.CreateApplication(Api.BloodDonorSummary);
        await applicant.Command(id, "save-draft", new { title = "Blood donor GWAS look-up", researchPurpose = new { duoCodes = new[] { "DUO:0000042" } } }).Ok();
        await applicant.Command(id, "accept-terms").Ok();
        return id;
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}

/// <summary>
/// A store, two running identity providers and the service configured to trust only the first, in Production
/// with the development issuer off.
/// </summary>
public abstract class ServiceWithExternalIssuer(ServiceFixture store) : IAsyncLifetime
{
    private ServiceFactory? service;
    private TestIdentityProvider? idp;
    private TestIdentityProvider? untrustedIdp;

    public TestIdentityProvider Idp => idp ?? throw new InvalidOperationException("The fixture has not started.");
    public TestIdentityProvider UntrustedIdp => untrustedIdp ?? throw new InvalidOperationException("The fixture has not started.");

    public HttpClient ClientWith(string accessToken)
    {
        var client = service!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task InitializeAsync()
    {
        await store.InitializeAsync();
        var started = await Task.WhenAll(TestIdentityProvider.StartAsync(), TestIdentityProvider.StartAsync());
        (idp, untrustedIdp) = (started[0], started[1]);
        service = store.NewInstance("Production", new Dictionary<string, string>
        {
            ["AccessRequests:Auth:Issuers:0:Authority"] = idp.Issuer,
            ["AccessRequests:Auth:Issuers:0:Audience"] = TestIdentityProvider.Audience,
            ["AccessRequests:Auth:Issuers:0:RequireHttpsMetadata"] = "false",
            ["AccessRequests:Auth:DevelopmentIssuer:Enabled"] = "false",
        });
        (await service.CreateClient().GetAsync("/health/ready")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
        if (idp is not null) await idp.DisposeAsync();
        if (untrustedIdp is not null) await untrustedIdp.DisposeAsync();
        await store.DisposeAsync();
    }
}

public sealed class SqliteServiceWithExternalIssuer() : ServiceWithExternalIssuer(new SqliteServiceFixture());

public sealed class PostgresServiceWithExternalIssuer() : ServiceWithExternalIssuer(new PostgresServiceFixture());

public sealed class ExternalIdentityProviderOnSqlite(SqliteServiceWithExternalIssuer fixture)
    : ExternalIdentityProvider(fixture), IClassFixture<SqliteServiceWithExternalIssuer>;

public sealed class ExternalIdentityProviderOnPostgres(PostgresServiceWithExternalIssuer fixture)
    : ExternalIdentityProvider(fixture), IClassFixture<PostgresServiceWithExternalIssuer>;
