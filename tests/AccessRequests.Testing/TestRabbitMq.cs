namespace AccessRequests.Testing;

/// <summary>The throwaway node of tests/infra/rabbitmq.sh, as tests/run.sh exports it.</summary>
public sealed record TestRabbitMq(string Host, ushort Port, string Username, string Password, string Ctl)
{
    public static TestRabbitMq FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable("ACCESSREQUESTS_TEST_RABBITMQ");
        var ctl = Environment.GetEnvironmentVariable("ACCESSREQUESTS_TEST_RABBITMQCTL");
        if (string.IsNullOrEmpty(value) || string.IsNullOrEmpty(ctl))
        {
            throw new InvalidOperationException(
                "ACCESSREQUESTS_TEST_RABBITMQ and ACCESSREQUESTS_TEST_RABBITMQCTL are not set: run tests/run.sh, " +
                "or eval \"$(bash tests/infra/rabbitmq.sh start)\" first.");
        }
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1]);
        return new TestRabbitMq(parts["host"], ushort.Parse(parts["port"], System.Globalization.CultureInfo.InvariantCulture), parts["username"], parts["password"], ctl);
    }

    public Task<string> CtlAsync(params string[] arguments) => Tool.RunAsync(Ctl, arguments);

    /// <summary>A vhost of its own for one test class, with every right for the test user.</summary>
    public async Task CreateVhostAsync(string virtualHost)
    {
        await CtlAsync("add_vhost", virtualHost);
        await CtlAsync("set_permissions", "-p", virtualHost, Username, ".*", ".*", ".*");
    }

    public Task DeleteVhostAsync(string virtualHost) => Tool.TryRunAsync(Ctl, "delete_vhost", virtualHost);
}
