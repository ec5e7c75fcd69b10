using AccessRequests.Provisioning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Provisioning.Tests;

public sealed class DryRunTests(ProvisioningFixture fixture) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task dry_run_prints_the_exact_commands_and_changes_nothing()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        var output = new StringWriter();
        await using var worker = await Worker.StartAsync(fixture, sandbox,
            settings: new Dictionary<string, string?> { ["Provisioning:DryRun"] = "true" },
            services: s => s.AddSingleton(new DryRunOutput(output)));
        var grant = Messages.Granted(fixture.Alice, "ngc-gdb-wgs");

        var granted = Guid.CreateVersion7();
        await fixture.PublishAsync(grant, granted);
        await worker.Watcher.WaitForAsync(granted);
        var revoked = Guid.CreateVersion7();
        await fixture.PublishAsync(Messages.Revoked(grant), revoked);
        await worker.Watcher.WaitForAsync(revoked);

        var dataset = sandbox.Dataset("ngc-gdb-wgs");
        var link = sandbox.Link(fixture.Alice, "ngc-gdb-wgs");
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
        [
            $"mkdir -p -- {Path.Combine(sandbox.UserRoot, fixture.Alice)}",
            $"ln -sfnT -- {dataset} {link}",
            $"setfacl -R -m u:{fixture.Alice}:rX -- {dataset}",
            $"setfacl -R -d -m u:{fixture.Alice}:rX -- {dataset}",
            $"setfacl -R -x u:{fixture.Alice} -- {dataset}",
            $"setfacl -R -d -x u:{fixture.Alice} -- {dataset}",
            $"rm -f -- {link}",
        ]);
        Directory.EnumerateFileSystemEntries(sandbox.UserRoot).ShouldBeEmpty();
        (await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs")).ShouldBeEmpty();
        // A rehearsal keeps its own record, so the real worker would still apply these messages.
        File.Exists(Path.Combine(sandbox.StateDirectory, "state.json")).ShouldBeFalse();
    }
}
