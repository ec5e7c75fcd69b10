using System.Collections.Concurrent;
using AccessRequests.Provisioning.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning.Tests;

/// <summary>The provisioner's decisions, with the commands recorded instead of run (no broker, no root needed).</summary>
public sealed class ProvisionerTests : IDisposable
{
    private readonly Sandbox sandbox = new("ngc-gdb-wgs");
    private readonly RecordingRunner runner = new();

    [Fact]
    public async Task a_user_id_that_is_no_valid_local_user_name_is_recorded_as_failed_and_runs_nothing()
    {
        var provisioner = Provisioner();
        var id = Guid.CreateVersion7();

        await provisioner.GrantAsync(Messages.Granted("alice@ku.dk", "ngc-gdb-wgs"), id, default);

        runner.Commands.ShouldBeEmpty();
        Store().Load().Processed[id].ShouldStartWith("failed:");
    }

    [Fact]
    public async Task a_mapped_user_id_is_provisioned_as_the_local_user()
    {
        var provisioner = Provisioner(new() { ["Provisioning:UserNameMap:alice@ku.dk"] = "alice" });

        await provisioner.GrantAsync(Messages.Granted("alice@ku.dk", "ngc-gdb-wgs"), Guid.CreateVersion7(), default);

        runner.Commands.ShouldContain(new HostCommand("setfacl", "-R", "-m", "u:alice:rX", "--", sandbox.Dataset("ngc-gdb-wgs")));
    }

    [Fact]
    public async Task a_dataset_id_that_is_no_plain_folder_name_runs_nothing()
    {
        var provisioner = Provisioner();

        await provisioner.GrantAsync(Messages.Granted("alice", "../etc"), Guid.CreateVersion7(), default);

        runner.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task ending_one_of_two_grants_for_the_same_user_and_dataset_keeps_the_access()
    {
        var provisioner = Provisioner();
        var first = Messages.Granted("alice", "ngc-gdb-wgs");
        var second = Messages.Granted("alice", "ngc-gdb-wgs");
        await provisioner.GrantAsync(first, Guid.CreateVersion7(), default);
        await provisioner.GrantAsync(second, Guid.CreateVersion7(), default);
        runner.Clear();

        await provisioner.RevokeAsync(Messages.Revoked(first), Guid.CreateVersion7(), default);
        runner.Commands.ShouldBeEmpty();

        await provisioner.ExpireAsync(Messages.Expired(second), Guid.CreateVersion7(), default);
        runner.Commands.ShouldContain(new HostCommand("rm", "-f", "--", sandbox.Link("alice", "ngc-gdb-wgs")));
    }

    [Fact]
    public async Task the_record_of_processed_messages_and_ended_grants_survives_a_restart()
    {
        var grant = Messages.Granted("alice", "ngc-gdb-wgs");
        var granted = Guid.CreateVersion7();
        await Provisioner().GrantAsync(grant, granted, default);
        await Provisioner().RevokeAsync(Messages.Revoked(grant), Guid.CreateVersion7(), default);
        runner.Clear();

        var restarted = Provisioner();
        await restarted.GrantAsync(grant, granted, default);
        await restarted.GrantAsync(grant, Guid.CreateVersion7(), default);

        runner.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_message_for_another_location_is_ignored_even_on_a_shared_bus()
    {
        var provisioner = Provisioner();

        await provisioner.GrantAsync(Messages.Granted("alice", "ngc-gdb-wgs", location: "region-h"), Guid.CreateVersion7(), default);

        runner.Commands.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_grant_for_a_missing_dataset_folder_fails_so_that_it_is_retried()
    {
        var provisioner = Provisioner();
        var id = Guid.CreateVersion7();

        await Should.ThrowAsync<DirectoryNotFoundException>(() => provisioner.GrantAsync(Messages.Granted("alice", "not-here"), id, default));

        Store().Load().Processed.ShouldNotContainKey(id);
    }

    [Theory]
    [InlineData("Provisioning:Location", "", "Location is required")]
    [InlineData("Provisioning:Location", "ngc hpc", "Location is required")]
    [InlineData("Provisioning:UserRoot", "relative/users", "UserRoot must be an absolute path")]
    [InlineData("Provisioning:UserNameMap:alice@ku.dk", "Alice;rm", "not a valid local user name")]
    public void invalid_settings_are_refused_at_start(string key, string value, string message)
    {
        var services = Services(new() { [key] = value });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<ProvisioningOptions>>().Value)
            .Message.ShouldContain(message);
    }

    private Provisioner Provisioner(Dictionary<string, string?>? settings = null) => Services(settings).GetRequiredService<Provisioner>();

    private StateStore Store() => Services().GetRequiredService<StateStore>();

    private ServiceProvider Services(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Provisioning:Location"] = "ngc-hpc",
            ["Provisioning:DatasetRoot"] = sandbox.DatasetRoot,
            ["Provisioning:UserRoot"] = sandbox.UserRoot,
            ["Provisioning:StateDirectory"] = sandbox.StateDirectory,
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<ICommandRunner>(runner);
        services.AddProvisioning(configuration.GetSection(ProvisioningOptions.SectionName));
        return services.BuildServiceProvider();
    }

    public void Dispose() => sandbox.Dispose();

    private sealed class RecordingRunner : ICommandRunner
    {
        private readonly ConcurrentQueue<HostCommand> commands = new();

        public IReadOnlyList<HostCommand> Commands => commands.ToList();

        public void Clear() => commands.Clear();

        public Task RunAsync(HostCommand command, CancellationToken cancellationToken)
        {
            commands.Enqueue(command);
            return Task.CompletedTask;
        }
    }
}
