using AccessRequests.Provisioning.Tests.Infrastructure;

namespace AccessRequests.Provisioning.Tests;

public sealed class ReconciliationTests(ProvisioningFixture fixture) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task at_start_the_worker_opens_missing_access_and_closes_access_without_an_active_grant()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs", "ngc-rare-disease");
        // Left from before: Bob still has rare-disease data although his grant ended while the worker was down.
        Directory.CreateDirectory(Path.Combine(sandbox.UserRoot, fixture.Bob));
        File.CreateSymbolicLink(sandbox.Link(fixture.Bob, "ngc-rare-disease"), sandbox.Dataset("ngc-rare-disease"));
        await Tool.RunAsync("setfacl", "-R", "-m", $"u:{fixture.Bob}:rX", sandbox.Dataset("ngc-rare-disease"));
        await Tool.RunAsync("setfacl", "-R", "-d", "-m", $"u:{fixture.Bob}:rX", sandbox.Dataset("ngc-rare-disease"));
        var now = DateTimeOffset.UtcNow;
        using var api = new GrantsServer("machine-token",
            new GrantView(Guid.CreateVersion7(), Guid.CreateVersion7(), fixture.Alice, "ngc-gdb-wgs", "ngc-hpc", now.AddDays(-1), now.AddDays(30), "active"));

        await using var worker = await Worker.StartAsync(fixture, sandbox, settings: new Dictionary<string, string?>
        {
            ["Provisioning:Api:BaseUrl"] = api.BaseUrl,
            ["Provisioning:Api:BearerToken"] = api.BearerToken,
        });

        api.Requests.ShouldBe(["/api/grants?location=ngc-hpc&active=true"]);
        sandbox.HasLink(fixture.Alice, "ngc-gdb-wgs").ShouldBeTrue();
        (await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs")).ShouldContain($"user:{fixture.Alice}:r-x");
        File.Exists(sandbox.Link(fixture.Bob, "ngc-rare-disease")).ShouldBeFalse();
        (await sandbox.AclEntriesAsync(fixture.Bob, "ngc-rare-disease")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_real_folder_in_a_users_folder_is_never_touched()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        var ownData = Path.Combine(sandbox.UserRoot, fixture.Bob, "ngc-gdb-wgs");
        Directory.CreateDirectory(ownData);
        using var api = new GrantsServer("machine-token");

        await using var worker = await Worker.StartAsync(fixture, sandbox, settings: new Dictionary<string, string?>
        {
            ["Provisioning:Api:BaseUrl"] = api.BaseUrl,
            ["Provisioning:Api:BearerToken"] = api.BearerToken,
        });

        Directory.Exists(ownData).ShouldBeTrue();
        api.Requests.Count.ShouldBe(1);
    }
}
