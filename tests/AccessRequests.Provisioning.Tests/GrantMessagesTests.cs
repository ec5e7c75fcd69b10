using AccessRequests.Contracts;
using AccessRequests.Provisioning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Provisioning.Tests;

/// <summary>The worker for ngc-hpc over a real RabbitMQ, changing real ACLs and symlinks for real local users.</summary>
public sealed class GrantMessagesTests(ProvisioningFixture fixture) : IClassFixture<ProvisioningFixture>
{
    [Fact]
    public async Task a_grant_links_the_dataset_into_the_users_folder_and_gives_the_user_read_access()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        await using var worker = await Worker.StartAsync(fixture, sandbox);
        var grant = Messages.Granted(fixture.Alice, "ngc-gdb-wgs");

        var id = Guid.CreateVersion7();
        await fixture.PublishAsync(grant, id);
        await worker.Watcher.WaitForAsync(id);

        sandbox.HasLink(fixture.Alice, "ngc-gdb-wgs").ShouldBeTrue();
        var acl = await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs");
        acl.ShouldContain($"user:{fixture.Alice}:r-x");          // the folders: read and traverse
        acl.ShouldContain($"user:{fixture.Alice}:r--");          // the file: read only (X adds x to folders only)
        acl.ShouldContain($"default:user:{fixture.Alice}:r-x");  // files added later inherit it
        (await sandbox.AclEntriesAsync(fixture.Bob, "ngc-gdb-wgs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_redelivered_message_runs_nothing_again()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        CountingRunner? runner = null;
        await using var worker = await Worker.StartAsync(fixture, sandbox, services: s => s.AddSingleton<ICommandRunner>(sp =>
            runner = new CountingRunner(ActivatorUtilities.CreateInstance<ProcessCommandRunner>(sp))));
        var grant = Messages.Granted(fixture.Alice, "ngc-gdb-wgs");
        var id = Guid.CreateVersion7();

        await fixture.PublishAsync(grant, id);
        await worker.Watcher.WaitForAsync(id);
        var afterFirst = runner!.Commands.Count;
        await fixture.PublishAsync(grant, id);
        await worker.Watcher.WaitForAsync(id, times: 2);

        afterFirst.ShouldBe(4);
        runner.Commands.Count.ShouldBe(afterFirst);
        File.ReadAllText(Path.Combine(sandbox.StateDirectory, "state.json")).ShouldContain(id.ToString());
        sandbox.HasLink(fixture.Alice, "ngc-gdb-wgs").ShouldBeTrue();
    }

    [Fact]
    public async Task a_revocation_removes_the_link_and_the_acl_entries()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        await using var worker = await Worker.StartAsync(fixture, sandbox);
        var grant = await GrantAsync(worker, Messages.Granted(fixture.Alice, "ngc-gdb-wgs"));

        var id = Guid.CreateVersion7();
        await fixture.PublishAsync(Messages.Revoked(grant), id);
        await worker.Watcher.WaitForAsync(id);

        File.Exists(sandbox.Link(fixture.Alice, "ngc-gdb-wgs")).ShouldBeFalse();
        Directory.Exists(sandbox.Link(fixture.Alice, "ngc-gdb-wgs")).ShouldBeFalse();
        (await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs")).ShouldBeEmpty();
        Directory.Exists(sandbox.Dataset("ngc-gdb-wgs")).ShouldBeTrue();
    }

    [Fact]
    public async Task an_expiry_removes_the_link_and_the_acl_entries_of_that_user_only()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        await using var worker = await Worker.StartAsync(fixture, sandbox);
        var alices = await GrantAsync(worker, Messages.Granted(fixture.Alice, "ngc-gdb-wgs"));
        await GrantAsync(worker, Messages.Granted(fixture.Bob, "ngc-gdb-wgs"));

        var id = Guid.CreateVersion7();
        await fixture.PublishAsync(Messages.Expired(alices), id);
        await worker.Watcher.WaitForAsync(id);

        sandbox.HasLink(fixture.Alice, "ngc-gdb-wgs").ShouldBeFalse();
        (await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs")).ShouldBeEmpty();
        sandbox.HasLink(fixture.Bob, "ngc-gdb-wgs").ShouldBeTrue();
        (await sandbox.AclEntriesAsync(fixture.Bob, "ngc-gdb-wgs")).ShouldContain($"user:{fixture.Bob}:r-x");
    }

    [Fact]
    public async Task a_grant_arriving_after_its_revocation_opens_nothing()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        await using var worker = await Worker.StartAsync(fixture, sandbox);
        var grant = Messages.Granted(fixture.Alice, "ngc-gdb-wgs");

        var revoked = Guid.CreateVersion7();
        await fixture.PublishAsync(Messages.Revoked(grant), revoked);
        await worker.Watcher.WaitForAsync(revoked);
        var granted = Guid.CreateVersion7();
        await fixture.PublishAsync(grant, granted);
        await worker.Watcher.WaitForAsync(granted);

        sandbox.HasLink(fixture.Alice, "ngc-gdb-wgs").ShouldBeFalse();
        (await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_grant_that_has_already_ended_opens_nothing()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs");
        await using var worker = await Worker.StartAsync(fixture, sandbox);

        await GrantAsync(worker, Messages.Granted(fixture.Alice, "ngc-gdb-wgs", validUntil: DateTimeOffset.UtcNow.AddDays(-1)));

        sandbox.HasLink(fixture.Alice, "ngc-gdb-wgs").ShouldBeFalse();
        (await sandbox.AclEntriesAsync(fixture.Alice, "ngc-gdb-wgs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_message_for_another_location_never_reaches_the_workers_queue()
    {
        using var sandbox = new Sandbox("ngc-gdb-wgs", "rh-cohort");
        await using var worker = await Worker.StartAsync(fixture, sandbox, location: "ngc-hpc");

        var elsewhere = Guid.CreateVersion7();
        await fixture.PublishAsync(Messages.Granted(fixture.Bob, "rh-cohort", location: "region-h"), elsewhere);
        // The queue keeps order: once a later message for ngc-hpc is consumed, the first one would have been too.
        var here = Guid.CreateVersion7();
        await fixture.PublishAsync(Messages.Granted(fixture.Alice, "ngc-gdb-wgs", location: "ngc-hpc"), here);
        await worker.Watcher.WaitForAsync(here);
        await Task.Delay(TimeSpan.FromSeconds(1));

        worker.Watcher.Consumed.ShouldNotContain(elsewhere);
        sandbox.HasLink(fixture.Bob, "rh-cohort").ShouldBeFalse();
        var queues = await fixture.Rabbit.CtlAsync("list_queues", "-p", fixture.VirtualHost, "--quiet", "--no-table-headers", "name", "messages");
        queues.ShouldContain("provisioning-ngc-hpc\t0");
    }

    private async Task<AccessGranted> GrantAsync(Worker worker, AccessGranted grant)
    {
        var id = Guid.CreateVersion7();
        await fixture.PublishAsync(grant, id);
        await worker.Watcher.WaitForAsync(id);
        return grant;
    }
}
