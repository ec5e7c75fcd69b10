using AccessRequests.Contracts;
using MassTransit;

namespace AccessRequests.Provisioning;

/// <summary>
/// The broker topology both sides agree on: each grant message goes to its MassTransit default exchange
/// (<c>AccessRequests.Contracts:AccessGranted</c>, ...) declared as a <b>direct</b> exchange, with the message's
/// <c>Location</c> as routing key; a location's worker binds its queue to the three exchanges with its own location
/// only, so it never receives another location's messages.
/// </summary>
public static class ProvisioningTopology
{
    private const string ExchangeType = "direct";

    /// <summary>The queue of the worker for <paramref name="location"/>.</summary>
    public static string QueueName(string location) => $"provisioning-{location}";

    /// <summary>The publishing side (the web service's relay): direct exchanges, routing key = location.</summary>
    public static void ConfigurePublish(IRabbitMqBusFactoryConfigurator cfg)
    {
        cfg.Publish<AccessGranted>(p => p.ExchangeType = ExchangeType);
        cfg.Publish<AccessRevoked>(p => p.ExchangeType = ExchangeType);
        cfg.Publish<AccessExpired>(p => p.ExchangeType = ExchangeType);
        cfg.Send<AccessGranted>(s => s.UseRoutingKeyFormatter(c => c.Message.Location));
        cfg.Send<AccessRevoked>(s => s.UseRoutingKeyFormatter(c => c.Message.Location));
        cfg.Send<AccessExpired>(s => s.UseRoutingKeyFormatter(c => c.Message.Location));
    }

    /// <summary>
    /// The consuming side: binds the endpoint to the three exchanges with routing key <paramref name="location"/>.
    /// Turns the endpoint's own consume topology off, which would otherwise bind the same exchanges as fanout
    /// (receiving every location's messages, or failing on the exchange type).
    /// </summary>
    public static void BindLocation(IRabbitMqReceiveEndpointConfigurator endpoint, string location)
    {
        endpoint.ConfigureConsumeTopology = false;
        endpoint.Bind<AccessGranted>(b => Direct(b, location));
        endpoint.Bind<AccessRevoked>(b => Direct(b, location));
        endpoint.Bind<AccessExpired>(b => Direct(b, location));
    }

    private static void Direct(IRabbitMqExchangeBindingConfigurator binding, string location)
    {
        binding.ExchangeType = ExchangeType;
        binding.RoutingKey = location;
    }
}
