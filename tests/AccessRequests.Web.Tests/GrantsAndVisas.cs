using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AccessRequests.Web.Tests;

/// <summary>Approval becomes grants; grants become GA4GH visas that an independent JOSE library verifies.</summary>
public abstract class GrantsAndVisas(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    /// <summary>The NGC path to approval, with a co-applicant who accepted the terms.</summary>
    private async Task<Guid> ApprovedWithCoApplicant(DateOnly? validUntil = null)
    {
        var researcher = await Service.ClientFor("researcher");
        var coApplicant = await Service.ClientFor("co-applicant");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        var token = (await researcher.Command(id, "invite-member", new { email = "carl.nielsen@au.dk", name = "Carl" }).Ok()).GetProperty("invitationToken").GetString();
        await coApplicant.Command(id, "accept-invitation", new { token }).Ok();
        await coApplicant.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        await steward.Command(id, "verify-ethics").Ok();
        foreach (var member in new[] { "dac-member-1", "dac-member-2" })
        {
            await (await Service.ClientFor(member)).Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }
        await (await Service.ClientFor("dac-chair")).Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil }).Ok();
        return id;
    }

    [Fact]
    public async Task approval_grants_the_applicant_and_the_co_applicant_and_revocation_ends_one()
    {
        var validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(200));
        var id = await ApprovedWithCoApplicant(validUntil);
        var steward = await Service.ClientFor("steward");
        var grants = (await steward.Get($"/api/grants?datasetId={Api.Wgs}&active=true")).EnumerateArray()
            .Where(g => g.GetProperty("applicationId").GetGuid() == id).ToList();
        grants.Select(g => g.GetProperty("userId").GetString()).Order().ShouldBe(["co-applicant", "researcher"]);
        grants.ShouldAllBe(g => g.GetProperty("location").GetString() == "ngc-hpc");
        grants.ShouldAllBe(g => g.GetProperty("validUntil").GetDateTimeOffset() == new DateTimeOffset(validUntil.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        var researcher = await Service.ClientFor("researcher");
        await researcher.GetAsync("/api/grants?userId=co-applicant").Problem(HttpStatusCode.Forbidden);
        (await researcher.Get("/api/grants?active=true")).EnumerateArray().ShouldAllBe(g => g.GetProperty("userId").GetString() == "researcher");

        var coGrant = grants.Single(g => g.GetProperty("userId").GetString() == "co-applicant").GetProperty("grantId").GetGuid();
        await researcher.Command(id, "revoke", new { grantId = coGrant, reason = "x" }).Problem(HttpStatusCode.Forbidden);
        await (await Service.ClientFor("dac-chair")).Command(id, "revoke", new { grantId = coGrant, reason = "Left the project." }).Ok();
        (await steward.Get($"/api/grants?userId=co-applicant&active=true")).EnumerateArray()
            .ShouldNotContain(g => g.GetProperty("grantId").GetGuid() == coGrant);
        (await researcher.EventTypes(id)).Count(t => t == "access-granted").ShouldBe(2);
        (await researcher.EventTypes(id)).ShouldContain("access-revoked");

        // The embedded worker (in-memory bus, dry-run) received the grants through the relay and recorded them.
        var state = Path.Combine(Service.DataDirectory, "provisioning", "state", "state.dry-run.json");
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!(File.Exists(state) && (await File.ReadAllTextAsync(state)).Contains(coGrant.ToString(), StringComparison.OrdinalIgnoreCase)))
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the embedded provisioning worker did not receive the grant");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task visas_verify_with_an_independent_jose_library_and_match_the_grants()
    {
        var id = await ApprovedWithCoApplicant();
        var researcher = await Service.ClientFor("researcher");
        var passport = await researcher.Get("/api/permissions/researcher");
        var visas = passport.GetProperty("ga4gh_passport_v1").EnumerateArray().Select(v => v.GetString()!).ToList();
        var grants = (await researcher.Get("/api/grants?active=true")).EnumerateArray().ToList();
        visas.Count.ShouldBe(grants.Count);
        await researcher.GetAsync("/api/permissions/co-applicant").Problem(HttpStatusCode.Forbidden);

        var jwks = Path.GetTempFileName();
        await File.WriteAllTextAsync(jwks, (await Service.CreateClient().Get("/api/jwk")).GetRawText());
        var (exit, output) = await Node("verify-visas.mjs", [jwks, "http://localhost", .. visas]);
        exit.ShouldBe(0, output);
        var verified = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // Each visa is one of the user's active grants: same dataset, start and end.
        verified.Select(v => (v.GetProperty("claims").GetProperty("ga4gh_visa_v1").GetProperty("value").GetString(),
                v.GetProperty("claims").GetProperty("ga4gh_visa_v1").GetProperty("asserted").GetInt64(), v.GetProperty("claims").GetProperty("exp").GetInt64()))
            .ShouldBe(grants.Select(g => ((string?)$"http://localhost/datasets/{g.GetProperty("datasetId").GetString()}",
                g.GetProperty("validFrom").GetDateTimeOffset().ToUnixTimeSeconds(), g.GetProperty("validUntil").GetDateTimeOffset().ToUnixTimeSeconds())), ignoreOrder: true);
        var grant = grants.First(g => g.GetProperty("applicationId").GetGuid() == id);
        var visa = verified.First(v => v.GetProperty("claims").GetProperty("exp").GetInt64() == grant.GetProperty("validUntil").GetDateTimeOffset().ToUnixTimeSeconds()
            && v.GetProperty("claims").GetProperty("ga4gh_visa_v1").GetProperty("asserted").GetInt64() == grant.GetProperty("validFrom").GetDateTimeOffset().ToUnixTimeSeconds());
        visa.GetProperty("header").GetProperty("jku").GetString().ShouldBe("http://localhost/api/jwk");
        visa.GetProperty("header").GetProperty("alg").GetString().ShouldBe("RS256");
        visa.GetProperty("header").GetProperty("kid").GetString().ShouldNotBeNullOrEmpty();
        var claims = visa.GetProperty("claims");
        claims.GetProperty("sub").GetString().ShouldBe("researcher");
        claims.GetProperty("exp").GetInt64().ShouldBe(grant.GetProperty("validUntil").GetDateTimeOffset().ToUnixTimeSeconds());
        claims.GetProperty("jti").GetString().ShouldNotBeNullOrEmpty();
        var body = claims.GetProperty("ga4gh_visa_v1");
        body.GetProperty("type").GetString().ShouldBe("ControlledAccessGrants");
        body.GetProperty("value").GetString().ShouldBe($"http://localhost/datasets/{Api.Wgs}");
        body.GetProperty("source").GetString().ShouldBe("http://localhost/dacs/ngc-dac");
        body.GetProperty("by").GetString().ShouldBe("dac");

        // A visa whose signature was tampered with does not verify.
        var tampered = visas[0][..^4] + (visas[0].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        (await Node("verify-visas.mjs", [jwks, "http://localhost", tampered])).Exit.ShouldBe(1);
        File.Delete(jwks);
    }

    [Fact]
    public async Task a_renewal_goes_back_to_the_dac_and_extends_the_same_grants()
    {
        var firstEnd = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(100));
        var id = await ApprovedWithCoApplicant(firstEnd);
        var researcher = await Service.ClientFor("researcher");
        var before = (await researcher.Get("/api/grants?active=true")).EnumerateArray().Single(g => g.GetProperty("applicationId").GetGuid() == id);

        await (await Service.ClientFor("co-applicant")).Command(id, "renew", new { until = firstEnd.AddDays(200), justification = "x" }).Problem(HttpStatusCode.Forbidden);
        await researcher.Command(id, "renew", new { until = firstEnd.AddDays(200), justification = "The cohort grew; analysis takes longer." }).Ok();
        (await researcher.Status(id)).ShouldBe("submitted");
        (await researcher.Get("/api/grants?active=true")).EnumerateArray().ShouldContain(g => g.GetProperty("grantId").GetGuid() == before.GetProperty("grantId").GetGuid(),
            "access runs on while the DAC decides");

        foreach (var member in new[] { "dac-member-1", "dac-member-2" })
        {
            await (await Service.ClientFor(member)).Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }
        await (await Service.ClientFor("dac-chair")).Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil = firstEnd.AddDays(200) }).Ok();

        (await researcher.Status(id)).ShouldBe("approved");
        var after = (await researcher.Get("/api/grants?active=true")).EnumerateArray().Single(g => g.GetProperty("applicationId").GetGuid() == id);
        after.GetProperty("grantId").GetGuid().ShouldBe(before.GetProperty("grantId").GetGuid());
        after.GetProperty("validUntil").GetDateTimeOffset().ShouldBe(new DateTimeOffset(firstEnd.AddDays(201).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [Fact]
    public async Task a_retired_signing_key_stays_published_beside_the_new_one()
    {
        var folder = Path.Combine(Path.GetTempPath(), "accessrequests-keys", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var retired = Path.Combine(folder, "retired.pem");
        var current = Path.Combine(folder, "current.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            await File.WriteAllTextAsync(retired, rsa.ExportPkcs8PrivateKeyPem());
        }
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            await File.WriteAllTextAsync(current, rsa.ExportPkcs8PrivateKeyPem());
        }
        await using var rotated = fixture.NewInstance(settings: new Dictionary<string, string>
        {
            ["AccessRequests:Visas:SigningKeyPath"] = current,
            ["AccessRequests:Visas:PreviousKeyPaths:0"] = retired,
        });
        var keys = (await rotated.CreateClient().Get("/api/jwk")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        keys.Count.ShouldBe(2);
        keys.Distinct().Count().ShouldBe(2);
        var before = (await Service.CreateClient().Get("/api/jwk")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString());
        keys.ShouldNotContain(before.Single(), "the configured key replaced the generated one");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task a_provisioning_client_reads_its_locations_grants_and_nothing_more()
    {
        var id = await ApprovedWithCoApplicant();
        var machine = await Service.ClientFor("provisioning-ngc-hpc");
        var grants = (await machine.Get("/api/grants?location=ngc-hpc&active=true")).EnumerateArray().ToList();
        grants.Where(g => g.GetProperty("applicationId").GetGuid() == id).Select(g => g.GetProperty("userId").GetString()).Order()
            .ShouldBe(["co-applicant", "researcher"]);
        (await machine.Get("/api/grants?location=region-h&active=true")).EnumerateArray()
            .ShouldAllBe(g => g.GetProperty("location").GetString() == "region-h");
        (await machine.Get("/api/permissions/researcher")).GetProperty("ga4gh_passport_v1").GetArrayLength().ShouldBeGreaterThan(0);
        await machine.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { Api.Wgs } }).Problem(HttpStatusCode.Forbidden);
        await machine.GetAsync($"/api/applications/{id}").Problem(HttpStatusCode.Forbidden);
        await machine.Command(id, "revoke", new { reason = "machine says no" }).Problem(HttpStatusCode.Forbidden);
    }

    private static async Task<(int Exit, string Output)> Node(string script, IEnumerable<string> arguments)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "node");
        Directory.Exists(Path.Combine(folder, "node_modules")).ShouldBeTrue("run tests/run.sh (it installs tests/node's packages)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + errors);
    }
}

public sealed class GrantsAndVisasOnSqlite(SqliteServiceFixture fixture) : GrantsAndVisas(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class GrantsAndVisasOnPostgres(PostgresServiceFixture fixture) : GrantsAndVisas(fixture), IClassFixture<PostgresServiceFixture>;
