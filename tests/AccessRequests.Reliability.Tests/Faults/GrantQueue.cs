using System.Text.Json;
using AccessRequests.Testing;
using RabbitMQ.Client;

namespace AccessRequests.Reliability.Tests.Faults;

/// <summary>
/// A durable queue of the test's own bound to the grant exchanges for one location, read with plain RabbitMQ.Client on
/// a fresh connection each time, so that it survives the broker being stopped and started between reads.
/// </summary>
public sealed class GrantQueue(TestRabbitMq rabbit, string virtualHost, string location)
{
    private readonly string queue = $"fault-test-{Guid.NewGuid():N}";

    /// <summary>Every message as it arrived: its type and MassTransit's message id (the event's id), duplicates included.</summary>
    public List<(string Type, Guid MessageId)> Deliveries { get; } = [];

    public async Task DeclareAsync()
    {
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var exchange in IndependentConsumer.Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, location);
        }
    }

    /// <summary>Drains until <paramref name="done"/> holds; false after <paramref name="within"/>.</summary>
    public async Task<bool> UntilAsync(Func<List<(string Type, Guid MessageId)>, bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        await using var connection = await Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        while (true)
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                var envelope = JsonDocument.Parse(delivery.Body).RootElement;
                Deliveries.Add((envelope.GetProperty("messageType")[0].GetString()!.Split(':')[^1], envelope.GetProperty("messageId").GetGuid()));
            }
            if (done(Deliveries)) return true;
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(200);
        }
    }

    private ConnectionFactory Factory() => new()
    {
        HostName = rabbit.Host, Port = rabbit.Port, UserName = rabbit.Username, Password = rabbit.Password, VirtualHost = virtualHost,
        ClientProvidedName = IndependentConsumer.ConnectionName,
    };
}
