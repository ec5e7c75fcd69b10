namespace AccessRequests.Provisioning.Tests;

public sealed class NamesAndCommandsTests
{
    [Theory]
    [InlineData("alice", true)]
    [InlineData("_svc", true)]
    [InlineData("a1_b-c", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", false)]
    [InlineData("Alice", false)]
    [InlineData("1alice", false)]
    [InlineData("-R", false)]
    [InlineData("alice@ku.dk", false)]
    [InlineData("alice bob", false)]
    [InlineData("alice;rm -rf /", false)]
    [InlineData("alice\n", false)]
    [InlineData("", false)]
    public void only_portable_user_names_reach_a_command_line(string name, bool valid) =>
        LocalUserNames.IsValid(name).ShouldBe(valid);

    [Fact]
    public void the_user_name_map_wins_over_the_user_id()
    {
        var map = new Dictionary<string, string> { ["alice@ku.dk"] = "alice", ["eve@ku.dk"] = "Eve" };

        LocalUserNames.TryMap("alice@ku.dk", map, out var alice).ShouldBeTrue();
        alice.ShouldBe("alice");
        LocalUserNames.TryMap("bob", map, out var bob).ShouldBeTrue();
        bob.ShouldBe("bob");
        LocalUserNames.TryMap("eve@ku.dk", map, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("ngc-gdb-wgs", true)]
    [InlineData("EGAD00001000001", true)]
    [InlineData("v1.2_final", true)]
    [InlineData("..", false)]
    [InlineData(".hidden", false)]
    [InlineData("a/b", false)]
    [InlineData("-rf", false)]
    public void only_plain_folder_names_are_dataset_ids(string id, bool valid) =>
        DatasetIds.IsValid(id).ShouldBe(valid);

    [Fact]
    public void opening_links_first_and_closing_unlinks_last()
    {
        var commands = new AccessCommands("/data/datasets", "/data/users");

        commands.Open("alice", "ngc-gdb-wgs").Select(c => c.ToString()).ShouldBe(
        [
            "mkdir -p -- /data/users/alice",
            "ln -sfnT -- /data/datasets/ngc-gdb-wgs /data/users/alice/ngc-gdb-wgs",
            "setfacl -R -m u:alice:rX -- /data/datasets/ngc-gdb-wgs",
            "setfacl -R -d -m u:alice:rX -- /data/datasets/ngc-gdb-wgs",
        ]);
        commands.Close("alice", "ngc-gdb-wgs").Select(c => c.ToString()).ShouldBe(
        [
            "setfacl -R -x u:alice -- /data/datasets/ngc-gdb-wgs",
            "setfacl -R -d -x u:alice -- /data/datasets/ngc-gdb-wgs",
            "rm -f -- /data/users/alice/ngc-gdb-wgs",
        ]);
    }

    [Fact]
    public void printed_commands_quote_what_a_shell_would_split()
    {
        new HostCommand("ln", "-s", "/data/my data", "/home/o'brien").ToString()
            .ShouldBe(@"ln -s '/data/my data' '/home/o'\''brien'");
    }
}
