using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task a_due_digest_gets_every_notification_its_user_has_waiting_and_its_mail_goes_to_the_outbox()
    {
        var due = Notice("alice", T0);
        var waitingLonger = Notice("alice", T0.AddHours(1));
        var mailedAtOnce = Notice("alice", T0.AddHours(2));
        var bobsNotDue = Notice("bob", T0);
        await AddNotificationsAsync(
        [
            new NewNotification(due, T0.AddDays(1)),
            new NewNotification(waitingLonger, T0.AddDays(2)),
            Immediate(mailedAtOnce),
            new NewNotification(bobsNotDue, T0.AddDays(1).AddSeconds(1)),
        ]);
        var digest = Mail("alice@example.org", T0.AddDays(1), "Your digest");
        var composed = new List<(string User, List<NotificationRow> Rows)>();

        var queued = await Store.QueueDigestsAsync(T0.AddDays(1), (user, rows) =>
        {
            composed.Add((user, [.. rows]));
            return Task.FromResult<OutgoingMail?>(digest);
        });

        queued.ShouldBe(1);
        composed.Select(c => c.User).ShouldBe(["alice"]);
        Compact(composed[0].Rows).ShouldBe(Compact([due, waitingLonger]));
        (await Store.DueMailAsync(T0.AddDays(1), 10)).Select(m => m.Mail).ShouldBe([digest]);
        // Digested is not read: the list is as before.
        Compact(await Store.ListNotificationsAsync("alice", 10)).ShouldBe(Compact([mailedAtOnce, waitingLonger, due]));
        (await Store.CountUnreadAsync("alice")).ShouldBe(3);

        // Alice's notifications have left the queue; Bob's stayed in it until his was due.
        composed.Clear();
        (await Store.QueueDigestsAsync(T0.AddDays(1), (user, rows) => Task.FromResult<OutgoingMail?>(Mail("x@example.org", T0)))).ShouldBe(0);
        composed.ShouldBeEmpty();
        (await Store.QueueDigestsAsync(T0.AddDays(3), (user, rows) =>
        {
            composed.Add((user, [.. rows]));
            return Task.FromResult<OutgoingMail?>(null);
        })).ShouldBe(0);
        composed.Select(c => (c.User, c.Rows.Select(r => r.Id).Single())).ShouldBe([("bob", bobsNotDue.Id)]);
    }

    [Fact]
    public async Task a_digest_with_nothing_to_send_still_takes_its_notifications_out_of_the_queue()
    {
        await AddNotificationsAsync([new NewNotification(Notice("alice", T0), T0.AddDays(1))]);
        var calls = 0;

        (await Store.QueueDigestsAsync(T0.AddDays(1), (_, _) =>
        {
            calls++;
            return Task.FromResult<OutgoingMail?>(null);
        })).ShouldBe(0);
        (await Store.QueueDigestsAsync(T0.AddDays(9), (_, _) =>
        {
            calls++;
            return Task.FromResult<OutgoingMail?>(null);
        })).ShouldBe(0);

        calls.ShouldBe(1);
        (await Store.ListMailAsync(null, 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task each_user_with_a_due_digest_gets_their_own_mail_of_their_own_notifications()
    {
        var alices = Notice("alice", T0);
        var bobs = Notice("bob", T0);
        var carols = Notice("carol", T0);
        await AddNotificationsAsync(
            [new NewNotification(alices, T0.AddDays(1)), new NewNotification(bobs, T0.AddDays(1)), new NewNotification(carols, T0.AddDays(2))]);
        var given = new Dictionary<string, Guid[]>();

        var queued = await Store.QueueDigestsAsync(T0.AddDays(1), (user, rows) =>
        {
            given[user] = [.. rows.Select(r => r.Id)];
            return Task.FromResult<OutgoingMail?>(Mail($"{user}@example.org", T0.AddDays(1)));
        });

        queued.ShouldBe(2);
        given.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Value.Single()))
            .ShouldBe([("alice", alices.Id), ("bob", bobs.Id)]);
        (await Store.DueMailAsync(T0.AddDays(1), 10)).Select(m => m.Mail.To).Order(StringComparer.Ordinal)
            .ShouldBe(["alice@example.org", "bob@example.org"]);
    }

    [Fact]
    public async Task a_digest_that_fails_to_compose_leaves_its_notifications_waiting_for_the_next_round()
    {
        var notice = Notice("alice", T0);
        await AddNotificationsAsync([new NewNotification(notice, T0.AddDays(1))]);

        await Should.ThrowAsync<InvalidOperationException>(() =>
            Store.QueueDigestsAsync(T0.AddDays(1), (_, _) => throw new InvalidOperationException("no template")));

        var digest = Mail("alice@example.org", T0.AddDays(1));
        (await Store.QueueDigestsAsync(T0.AddDays(1), (_, rows) =>
        {
            rows.Select(r => r.Id).ShouldBe([notice.Id]);
            return Task.FromResult<OutgoingMail?>(digest);
        })).ShouldBe(1);
        (await Store.ListMailAsync(null, 10)).Select(m => m.Mail).ShouldBe([digest]);
    }

    [Fact]
    public async Task a_notification_added_while_a_digest_is_composed_waits_for_the_next_one()
    {
        var first = Notice("alice", T0);
        var meanwhile = Notice("alice", T0.AddHours(1));
        await AddNotificationsAsync([new NewNotification(first, T0.AddDays(1))]);

        (await Store.QueueDigestsAsync(T0.AddDays(1), async (_, rows) =>
        {
            await AddNotificationsAsync([new NewNotification(meanwhile, T0.AddDays(1))]);
            return Mail("alice@example.org", T0.AddDays(1));
        })).ShouldBe(1);

        var next = new List<Guid>();
        (await Store.QueueDigestsAsync(T0.AddDays(1), (_, rows) =>
        {
            next.AddRange(rows.Select(r => r.Id));
            return Task.FromResult<OutgoingMail?>(null);
        })).ShouldBe(0);
        next.ShouldBe([meanwhile.Id]);
    }

    [Fact]
    public async Task two_instances_queuing_the_same_digest_at_once_queue_one_mail()
    {
        var notice = Notice("alice", T0);
        await AddNotificationsAsync([new NewNotification(notice, T0.AddDays(1))]);
        var bothComposing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var composing = 0;

        async Task<OutgoingMail?> Compose(string user, IReadOnlyList<NotificationRow> rows)
        {
            if (Interlocked.Increment(ref composing) == 2)
            {
                bothComposing.SetResult();
            }
            await bothComposing.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return Mail("alice@example.org", T0.AddDays(1));
        }

        var queued = await Task.WhenAll(
            Task.Run(() => Store.QueueDigestsAsync(T0.AddDays(1), Compose)),
            Task.Run(() => OpenStore().QueueDigestsAsync(T0.AddDays(1), Compose)));

        queued.Order().ShouldBe([0, 1]);
        (await Store.ListMailAsync(null, 10)).ShouldHaveSingleItem();
    }
}
