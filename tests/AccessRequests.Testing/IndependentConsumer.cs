using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace AccessRequests.Testing;

/// <summary>
/// A consumer that is not the service's code: plain RabbitMQ.Client, its own queue bound to the grant exchanges for one
/// location, reading MassTransit's envelopes as any other system would.
/// </summary>
public sealed class IndependentConsumer : IAsyncDisposable
{
    public static readonly string[] Exchanges =
        ["AccessRequests.Contracts:AccessGranted", "AccessRequests.Contracts:AccessRevoked", "AccessRequests.Contracts:AccessExpired"];

    /// <summary>How the broker knows this consumer's connection (an outage test leaves it alone).</summary>
    public const string ConnectionName = "independent-consumer";

    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue = $"independent-{Guid.NewGuid():N}";

    /// <summary>One message as it arrived.</summary>
    /// <param name="Type">The contract's name (AccessGranted, AccessRevoked, AccessExpired).</param>
    /// <param name="MessageId">MassTransit's message id (the event's id).</param>
    /// <param name="Message">The message itself, from the envelope.</param>
    /// <param name="ArrivedAt">When this consumer took the message off the queue (<see cref="Stopwatch.GetTimestamp"/>).</param>
    public sealed record Received(string Type, Guid MessageId, JsonElement Message, long ArrivedAt);

    public List<Received> Messages { get; } = [];

    private IndependentConsumer(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<IndependentConsumer> BindAsync(TestRabbitMq rabbit, string virtualHost, string location)
    {
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, UserName = rabbit.Username, Password = rabbit.Password, VirtualHost = virtualHost,
            ClientProvidedName = ConnectionName,
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var consumer = new IndependentConsumer(connection, channel);
        await channel.QueueDeclareAsync(consumer.queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var exchange in Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false);
            await channel.QueueBindAsync(consumer.queue, exchange, location);
        }
        return consumer;
    }

    /// <summary>Takes what has arrived so far.</summary>
    public async Task DrainAsync()
    {
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            Messages.Add(Read(delivery.Body, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>
    /// Has the broker push each message to <paramref name="arrived"/> as soon as it is queued (instead of taking them with
    /// <see cref="DrainAsync"/>), stamped with the time it arrived: for measuring how long a message took to come.
    /// </summary>
    public async Task ConsumeAsync(Action<Received> arrived)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            arrived(Read(delivery.Body, Stopwatch.GetTimestamp()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
    }

    private static Received Read(ReadOnlyMemory<byte> body, long arrivedAt)
    {
        var envelope = JsonDocument.Parse(body).RootElement;
        var type = envelope.GetProperty("messageType")[0].GetString()!.Split(':')[^1];
        return new Received(type, envelope.GetProperty("messageId").GetGuid(), envelope.GetProperty("message").Clone(), arrivedAt);
    }

    /// <summary>Drains until <paramref name="done"/> holds, failing after <paramref name="seconds"/>.</summary>
    public async Task UntilAsync(Func<List<Received>, bool> done, int seconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await DrainAsync();
            if (done(Messages))
            {
                return;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The messages did not arrive in {seconds} s; {Messages.Count} so far.");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await channel.QueueDeleteAsync(queue);
        await channel.CloseAsync();
        await connection.CloseAsync();
    }
}
