using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Notifications;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Reads the event log after its checkpoint and, for each command's events on an application, writes who is told what
/// (<see cref="NoticeRules"/>): a row in each user's notification list, and an e-mail in the outbox for those who want
/// it at once. Rows, e-mails and the checkpoint are written in one transaction, so a restart neither repeats nor loses
/// a notice. One instance does it at a time (leadership in the store).
/// </summary>
public sealed class NotificationConsumer(
    IEventStore store,
    INotificationStore notifications,
    CatalogueStore catalogue,
    MailComposer composer,
    IOptions<ServiceOptions> options,
    ILogger<NotificationConsumer> log) : BackgroundService
{
    public const string Consumer = "notifications";

    /// <summary>Events read per transaction (tests make it small to cut commands across batches).</summary>
    internal int BatchSize { get; init; } = 100;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Leader.RunAsync(store, Consumer, options.Value.Notifications.PollSeconds, ProcessAsync, log, stoppingToken);

    /// <summary>Handles one batch of events after the checkpoint; returns how many were read (0: nothing new).</summary>
    public Task<int> ProcessAsync(CancellationToken ct) => store.ProcessAsync(Consumer, BatchSize, HandleAsync, ct);

    private async Task HandleAsync(IReadOnlyList<RecordedEvent> events, IStoreTransaction transaction, CancellationToken ct)
    {
        var commands = Commands(events);
        var full = events.Count >= BatchSize;
        var context = new Lazy<Task<NoticeContext>>(() => ContextAsync(ct));
        var states = new Dictionary<string, (long Version, ApplicationState State)>(StringComparer.Ordinal);
        var found = new List<(Notice Notice, Guid Cause, Guid ApplicationId, DateTimeOffset At)>();
        for (var k = 0; k < commands.Count; k++)
        {
            var command = commands[k];
            var atEdge = k == 0 || (full && k == commands.Count - 1);
            if (!atEdge && IsQuiet(command))
            {
                continue;
            }
            try
            {
                ApplicationState before;
                if (!atEdge && states.TryGetValue(command[0].StreamId, out var known) && known.Version == command[0].StreamVersion - 1)
                {
                    before = known.State;
                }
                else
                {
                    var whole = await WholeCommandAsync(command[0], ct);
                    if (whole is null || IsQuiet(whole.Value.Events))
                    {
                        continue;
                    }
                    (command, before) = whole.Value;
                }
                var domain = command.Select(ApplicationStreams.ToDomain).ToList();
                var after = domain.Aggregate(before, ApplicationEvolver.Evolve);
                states[command[0].StreamId] = (command[^1].StreamVersion, after);
                found.AddRange(NoticeRules.For(before, domain, after, await context.Value).Select(n => (n, command[^1].EventId, after.Id, domain[^1].At)));
            }
            catch (JsonException e)
            {
                // An event this version cannot read would stop every later notice: tell the operators and go on.
                log.LogError(e, "Notifications skipped for events {First}..{Last} of {Stream}: they cannot be read.",
                    command[0].StreamVersion, command[^1].StreamVersion, command[0].StreamId);
                states.Remove(command[0].StreamId);
            }
        }
        if (found.Count == 0)
        {
            return;
        }
        var people = found.Select(f => f.Notice.To switch
        {
            NoticeRecipient.User u => u.UserId,
            NoticeRecipient.Address a => a.LanguageOf,
            _ => throw new InvalidOperationException(),
        }).ToHashSet(StringComparer.Ordinal);
        var profiles = (await notifications.GetUsersAsync(people, ct)).ToDictionary(p => p.UserId, StringComparer.Ordinal);
        var rows = new List<NewNotification>();
        var mails = new List<OutgoingMail>();
        foreach (var (notice, cause, applicationId, at) in found)
        {
            switch (notice.To)
            {
                case NoticeRecipient.User u:
                {
                    var profile = profiles.GetValueOrDefault(u.UserId);
                    var email = profile?.Email ?? u.Email;
                    var daily = profile?.Frequency == MailFrequency.Daily;
                    var row = new NotificationRow(IdOf("row", cause, notice), u.UserId, notice.Kind, applicationId,
                        MailComposer.Data(notice.Page, notice.Facts), at, null);
                    rows.Add(new NewNotification(row, daily && email is not null ? NextDigest(at) : null));
                    if (!daily && !string.IsNullOrWhiteSpace(email))
                    {
                        mails.Add(composer.Compose(IdOf("mail", cause, notice), email, profile?.Name ?? u.Name, profile?.Language ?? "en",
                            notice.Kind, notice.Page, notice.Facts, at));
                    }
                    break;
                }
                case NoticeRecipient.Address a:
                    mails.Add(composer.Compose(IdOf("mail", cause, notice), a.Email, a.Name, profiles.GetValueOrDefault(a.LanguageOf)?.Language ?? "en",
                        notice.Kind, notice.Page, notice.Facts, at));
                    break;
            }
        }
        await notifications.AddNotificationsAsync(transaction, rows, mails, ct);
    }

    /// <summary>
    /// The batch's application events cut into commands: the consecutive events of one stream written by one append
    /// (<see cref="CommandKey"/>), which the rules judge together.
    /// </summary>
    private static List<List<RecordedEvent>> Commands(IReadOnlyList<RecordedEvent> events)
    {
        var commands = new List<List<RecordedEvent>>();
        string? lastKey = null;
        foreach (var e in events.Where(ApplicationStreams.IsApplicationEvent))
        {
            var key = CommandKey(e);
            var last = commands.Count > 0 ? commands[^1][^1] : null;
            if (last is not null && last.StreamId == e.StreamId && last.StreamVersion + 1 == e.StreamVersion && key == lastKey)
            {
                commands[^1].Add(e);
            }
            else
            {
                commands.Add([e]);
            }
            lastKey = key;
        }
        return commands;
    }

    /// <summary>
    /// The whole command that <paramref name="first"/> begins, read from its stream, with the state before it; null
    /// when the command began before <paramref name="first"/> (a batch cut it, and it was judged in the batch where it
    /// begins). A command may reach past the batch: all of it was committed in one append.
    /// </summary>
    private async Task<(List<RecordedEvent> Events, ApplicationState Before)?> WholeCommandAsync(RecordedEvent first, CancellationToken ct)
    {
        var stream = (await store.ReadStreamAsync(first.StreamId, ct)).Events;
        var start = stream.ToList().FindIndex(e => e.StreamVersion == first.StreamVersion);
        var key = CommandKey(stream[start]);
        if (start > 0 && CommandKey(stream[start - 1]) == key)
        {
            return null;
        }
        var end = start + 1;
        while (end < stream.Count && CommandKey(stream[end]) == key)
        {
            end++;
        }
        return ([.. stream.Take(end).Skip(start)], ApplicationStreams.Fold(stream.Take(start)));
    }

    /// <summary>Only events after which nobody is told anything (<see cref="NoticeRules.Quiet"/>): no need to fold the application.</summary>
    private static bool IsQuiet(List<RecordedEvent> command) => command.All(e => NoticeRules.Quiet.Contains(EventNames.ByName[e.Type]));

    /// <summary>
    /// The append an event was written in: its append id (see <see cref="ApplicationStreams.ToData"/>), or for events
    /// written before there was one, its transaction and correlation id.
    /// </summary>
    private static string CommandKey(RecordedEvent e)
    {
        try
        {
            using var metadata = JsonDocument.Parse(e.Metadata);
            var root = metadata.RootElement;
            return root.TryGetProperty("append", out var append)
                ? "append:" + append
                : $"tx:{e.Transaction}|{(root.TryGetProperty("correlationId", out var c) ? c.ToString() : null)}";
        }
        catch (JsonException)
        {
            return $"tx:{e.Transaction}|";
        }
    }

    private async Task<NoticeContext> ContextAsync(CancellationToken ct)
    {
        var stewards = (await catalogue.ListRolesAsync(ct)).Where(r => r.Roles.Contains(Role.Steward)).Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
        return new NoticeContext(stewards, await catalogue.ListDacsAsync(ct));
    }

    /// <summary>The next digest time after <paramref name="at"/>.</summary>
    private DateTimeOffset NextDigest(DateTimeOffset at)
    {
        var hour = Math.Clamp(options.Value.Notifications.DigestHourUtc, 0, 23);
        var today = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).AddHours(hour);
        return today > at ? today : today.AddDays(1);
    }

    /// <summary>
    /// The same id each time the same notice is made from the same events, so a batch handled twice (it never commits
    /// twice, but a handler may run again after a failed commit) adds nothing twice; different notices of one command
    /// (<see cref="Notice.Key"/>) never share one.
    /// </summary>
    private static Guid IdOf(string what, Guid cause, Notice notice)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{what}|{cause}|{notice.Key}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
