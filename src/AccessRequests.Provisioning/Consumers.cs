using AccessRequests.Contracts;
using MassTransit;

namespace AccessRequests.Provisioning;

public sealed class AccessGrantedConsumer(Provisioner provisioner) : IConsumer<AccessGranted>
{
    public Task Consume(ConsumeContext<AccessGranted> context) =>
        provisioner.GrantAsync(context.Message, context.MessageId, context.CancellationToken);
}

public sealed class AccessRevokedConsumer(Provisioner provisioner) : IConsumer<AccessRevoked>
{
    public Task Consume(ConsumeContext<AccessRevoked> context) =>
        provisioner.RevokeAsync(context.Message, context.MessageId, context.CancellationToken);
}

public sealed class AccessExpiredConsumer(Provisioner provisioner) : IConsumer<AccessExpired>
{
    public Task Consume(ConsumeContext<AccessExpired> context) =>
        provisioner.ExpireAsync(context.Message, context.MessageId, context.CancellationToken);
}
