using AccessRequests.EventStore;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Sends the e-mails waiting in the outbox and puts the daily digests in it when they are due. A mail the server does
/// not take is tried again later, each wait twice the one before (up to <see cref="NotificationOptions.RetryMaxSeconds"/>),
/// and after <see cref="NotificationOptions.MaxAttempts"/> tries it is marked failed for an admin to see and put back.
/// Commands never wait for any of this: they only write events.
/// </summary>
public sealed class MailOutbox(
    IEventStore store,
    INotificationStore notifications,
    IMailTransport transport,
    MailComposer composer,
    TimeProvider clock,
    IOptions<ServiceOptions> options,
    ILogger<MailOutbox> log) : BackgroundService
{
    public const string Duty = "mail-outbox";

    private const int BatchSize = 20;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Leader.RunAsync(store, Duty, options.Value.Notifications.PollSeconds, RunOnceAsync, log, stoppingToken);

    /// <summary>Queues the digests due now and tries the mails due now; returns how many mails were tried.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await notifications.QueueDigestsAsync(now, async (userId, rows) =>
        {
            var user = (await notifications.GetUsersAsync([userId], ct)).FirstOrDefault();
            return user is null ? null : composer.Digest(Guid.CreateVersion7(), user, rows, now);
        }, ct);
        var due = await notifications.DueMailAsync(now, BatchSize, ct);
        foreach (var row in due)
        {
            await TryAsync(row, ct);
        }
        return due.Count;
    }

    private async Task TryAsync(MailRow row, CancellationToken ct)
    {
        var settings = options.Value.Notifications;
        try
        {
            await transport.SendAsync(row.Mail, ct);
            await notifications.MarkMailSentAsync(row.Mail.Id, clock.GetUtcNow(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var attempts = row.Attempts + 1;
            var wait = Math.Min(settings.RetryMaxSeconds, settings.RetryBaseSeconds * Math.Pow(2, attempts - 1));
            DateTimeOffset? retryAt = attempts >= settings.MaxAttempts ? null : clock.GetUtcNow().AddSeconds(wait);
            log.LogWarning("E-mail {MailId} to {To} not sent (try {Attempts} of {Max}): {Error}", row.Mail.Id, row.Mail.To, attempts, settings.MaxAttempts, e.Message);
            await notifications.MarkMailAttemptFailedAsync(row.Mail.Id, Describe(e), retryAt, ct);
        }
    }

    /// <summary>The failure as an admin reads it: the message and what caused it, without a stack trace.</summary>
    private static string Describe(Exception e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += " — " + inner.Message;
        }
        return text.Length > 1000 ? text[..1000] : text;
    }
}
