using AccessRequests.Contracts;
using MassTransit;

namespace AccessRequests.Provisioning.Tests.Infrastructure;

/// <summary>
/// What one test class shares: its own RabbitMQ vhost, a publisher configured like the web service's relay, and two
/// real local users (deleted at the end).
/// </summary>
public sealed class ProvisioningFixture : IAsyncLifetime
{
    private IBusControl? publisher;

    internal TestRabbitMq Rabbit { get; private set; } = null!;
    public string VirtualHost { get; } = "provisioning-" + Guid.NewGuid().ToString("N")[..10];
    public string Alice { get; } = "artest" + Guid.NewGuid().ToString("N")[..8];
    public string Bob { get; } = "artest" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Tool.RequireRootWithAclTools();
        Rabbit = TestRabbitMq.FromEnvironment();
        await Rabbit.CreateVhostAsync(VirtualHost);
        foreach (var user in new[] { Alice, Bob })
            await Tool.RunAsync("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", user);

        publisher = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(Rabbit.Host, Rabbit.Port, VirtualHost, h =>
            {
                h.Username(Rabbit.Username);
                h.Password(Rabbit.Password);
            });
            ProvisioningTopology.ConfigurePublish(cfg);
        });
        await publisher.StartAsync();
    }

    /// <summary>Publishes as the relay does: MessageId = the causing event's id.</summary>
    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        publisher!.Publish(message, context => context.MessageId = messageId);

    public async Task DisposeAsync()
    {
        if (publisher is not null) await publisher.StopAsync();
        foreach (var user in new[] { Alice, Bob })
            await Tool.TryRunAsync("userdel", user);
        if (Rabbit is not null) await Rabbit.DeleteVhostAsync(VirtualHost);
    }
}

public static class Messages
{
    public static AccessGranted Granted(string userId, string datasetId, string location = "ngc-hpc", Guid? grantId = null, DateTimeOffset? validUntil = null) => new()
    {
        GrantId = grantId ?? Guid.CreateVersion7(),
        ApplicationId = Guid.CreateVersion7(),
        UserId = userId,
        DatasetId = datasetId,
        Location = location,
        ValidFrom = DateTimeOffset.UtcNow.AddMinutes(-1),
        ValidUntil = validUntil ?? DateTimeOffset.UtcNow.AddDays(365),
        Conditions = ["publication acknowledges NGC"],
        GrantedAt = DateTimeOffset.UtcNow,
    };

    public static AccessRevoked Revoked(AccessGranted grant) => new()
    {
        GrantId = grant.GrantId,
        ApplicationId = grant.ApplicationId,
        UserId = grant.UserId,
        DatasetId = grant.DatasetId,
        Location = grant.Location,
        Reason = "ethics approval withdrawn",
        RevokedAt = DateTimeOffset.UtcNow,
    };

    public static AccessExpired Expired(AccessGranted grant) => new()
    {
        GrantId = grant.GrantId,
        ApplicationId = grant.ApplicationId,
        UserId = grant.UserId,
        DatasetId = grant.DatasetId,
        Location = grant.Location,
        ExpiredAt = DateTimeOffset.UtcNow,
    };
}
