using System.Text.Json.Nodes;
using static AccessRequests.EventStore.Tests.TestApplications;

namespace AccessRequests.EventStore.Tests;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task a_new_user_gets_the_language_of_their_sign_in_and_immediate_mail()
    {
        await Store.SaveUserAsync("alice", "Alice A", "alice@example.org", "da", T0);

        (await Store.GetUsersAsync(["alice"])).ShouldBe([new UserProfile("alice", "Alice A", "alice@example.org", "da", MailFrequency.Immediate, T0)]);
    }

    [Fact]
    public async Task a_sign_in_updates_name_and_address_and_keeps_the_language_and_frequency_the_user_chose()
    {
        await Store.SaveUserAsync("alice", "Alice A", "alice@example.org", "en", T0);
        await Store.SetPreferencesAsync("alice", "da", MailFrequency.Daily, T0.AddHours(1));

        await Store.SaveUserAsync("alice", "Alice B", null, "en", T0.AddHours(2));

        (await Store.GetUsersAsync(["alice"])).ShouldBe([new UserProfile("alice", "Alice B", null, "da", MailFrequency.Daily, T0.AddHours(2))]);
    }

    [Fact]
    public async Task preferences_of_a_user_not_known_yet_add_them_by_their_id_until_they_sign_in()
    {
        await Store.SetPreferencesAsync("bob", "da", MailFrequency.Daily, T0);
        (await Store.GetUsersAsync(["bob"])).ShouldBe([new UserProfile("bob", "bob", null, "da", MailFrequency.Daily, T0)]);

        await Store.SaveUserAsync("bob", "Bob B", "bob@example.org", "en", T0.AddDays(1));
        (await Store.GetUsersAsync(["bob"])).ShouldBe([new UserProfile("bob", "Bob B", "bob@example.org", "da", MailFrequency.Daily, T0.AddDays(1))]);
    }

    [Fact]
    public async Task only_known_users_are_returned()
    {
        await Store.SaveUserAsync("alice", "Alice", null, "en", T0);
        await Store.SaveUserAsync("bob", "Bob", null, "en", T0);

        (await Store.GetUsersAsync(["alice", "nobody", "alice"])).Select(u => u.UserId).ShouldBe(["alice"]);
        (await Store.GetUsersAsync(["bob", "alice"])).Select(u => u.UserId).Order(StringComparer.Ordinal).ShouldBe(["alice", "bob"]);
        (await Store.GetUsersAsync([])).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_users_notifications_are_listed_newest_first_and_no_one_elses()
    {
        var older = Notice("alice", T0);
        var newer = Notice("alice", T0.AddHours(1)) with { ApplicationId = null };
        var bobs = Notice("bob", T0.AddHours(2));

        await AddNotificationsAsync([Immediate(older), Immediate(bobs), Immediate(newer)]);

        Compact(await Store.ListNotificationsAsync("alice", 10)).ShouldBe(Compact([newer, older]));
        Compact(await Store.ListNotificationsAsync("alice", 1)).ShouldBe(Compact([newer]));
        Compact(await Store.ListNotificationsAsync("bob", 10)).ShouldBe(Compact([bobs]));
        (await Store.ListNotificationsAsync("nobody", 10)).ShouldBeEmpty();
    }

    [Fact]
    public async Task adding_the_same_notifications_and_mails_again_adds_nothing_and_changes_nothing()
    {
        var notice = Notice("alice", T0);
        var mail = Mail("alice@example.org", T0);
        await AddNotificationsAsync([Immediate(notice)], mail);

        // As when the consumer runs the same event again, having crashed before its checkpoint was committed.
        await AddNotificationsAsync(
            [Immediate(notice with { Kind = "other", Data = """{"title":"changed"}""" })], mail with { Subject = "changed" });

        Compact(await Store.ListNotificationsAsync("alice", 10)).ShouldBe(Compact([notice]));
        (await Store.ListMailAsync(null, 10)).Select(m => m.Mail).ShouldBe([mail]);
    }

    [Fact]
    public async Task notifications_added_in_a_transaction_that_rolls_back_leave_nothing()
    {
        await Store.AppendAsync([NewStream("s")], []);

        await Should.ThrowAsync<InvalidOperationException>(() => Store.ProcessAsync("notifications", 10, async (_, tx, ct) =>
        {
            await Store.AddNotificationsAsync(tx, [Immediate(Notice("alice", T0))], [Mail("alice@example.org", T0)], ct);
            throw new InvalidOperationException("the handler failed after adding");
        }));

        (await Store.ListNotificationsAsync("alice", 10)).ShouldBeEmpty();
        (await Store.CountUnreadAsync("alice")).ShouldBe(0);
        (await Store.ListMailAsync(null, 10)).ShouldBeEmpty();
        (await Store.DueMailAsync(T0.AddYears(1), 10)).ShouldBeEmpty();
        (await Store.GetCheckpointAsync("notifications")).ShouldBe(GlobalCheckpoint.Start);
    }

    [Fact]
    public async Task marking_read_counts_what_changed_and_the_unread_count_follows()
    {
        var first = Notice("alice", T0);
        var second = Notice("alice", T0.AddMinutes(1));
        var third = Notice("alice", T0.AddMinutes(2));
        await AddNotificationsAsync([Immediate(first), Immediate(second), Immediate(third)]);
        (await Store.CountUnreadAsync("alice")).ShouldBe(3);

        (await Store.MarkReadAsync("alice", [first.Id], T0.AddHours(1))).ShouldBe(1);
        (await Store.MarkReadAsync("alice", [first.Id], T0.AddHours(2))).ShouldBe(0);
        (await Store.MarkReadAsync("alice", [], T0.AddHours(2))).ShouldBe(0);
        (await Store.CountUnreadAsync("alice")).ShouldBe(2);

        (await Store.MarkReadAsync("alice", null, T0.AddHours(3))).ShouldBe(2);
        (await Store.CountUnreadAsync("alice")).ShouldBe(0);
        (await Store.ListNotificationsAsync("alice", 10)).Select(n => (n.Id, n.ReadAt)).ShouldBe(
            [(third.Id, T0.AddHours(3)), (second.Id, T0.AddHours(3)), (first.Id, T0.AddHours(1))]);
    }

    [Fact]
    public async Task marking_read_never_touches_another_users_notifications()
    {
        var alices = Notice("alice", T0);
        var bobs = Notice("bob", T0);
        await AddNotificationsAsync([Immediate(alices), Immediate(bobs)]);

        (await Store.MarkReadAsync("alice", [bobs.Id], T0.AddHours(1))).ShouldBe(0);
        (await Store.MarkReadAsync("alice", [alices.Id, bobs.Id], T0.AddHours(1))).ShouldBe(1);
        (await Store.MarkReadAsync("alice", null, T0.AddHours(1))).ShouldBe(0);

        (await Store.CountUnreadAsync("bob")).ShouldBe(1);
        (await Store.ListNotificationsAsync("bob", 10)).ShouldHaveSingleItem().ReadAt.ShouldBeNull();
    }

    [Fact]
    public async Task initializing_again_keeps_users_notifications_and_mail()
    {
        await Store.SetPreferencesAsync("alice", "da", MailFrequency.Daily, T0);
        var notice = Notice("alice", T0);
        var mail = Mail("alice@example.org", T0);
        await AddNotificationsAsync([new NewNotification(notice, T0.AddDays(1))], mail);

        await Store.InitializeAsync();

        (await Store.GetUsersAsync(["alice"])).ShouldHaveSingleItem().Frequency.ShouldBe(MailFrequency.Daily);
        Compact(await Store.ListNotificationsAsync("alice", 10)).ShouldBe(Compact([notice]));
        (await Store.DueMailAsync(T0, 10)).Select(m => m.Mail).ShouldBe([mail]);
        (await Store.QueueDigestsAsync(T0.AddDays(1), (_, _) => Task.FromResult<OutgoingMail?>(null))).ShouldBe(0);
    }

    private static NotificationRow Notice(string userId, DateTimeOffset createdAt) =>
        new(Guid.CreateVersion7(), userId, "submitted", Guid.CreateVersion7(), """{"title":"A title"}""", createdAt, null);

    private static NewNotification Immediate(NotificationRow row) => new(row, null);

    private static OutgoingMail Mail(string to, DateTimeOffset createdAt, string subject = "Subject") =>
        new(Guid.CreateVersion7(), to, "Alice", "da", subject, "Text", "<p>Html</p>", createdAt);

    /// <summary>Adds as the notification consumer does: in the transaction of its checkpoint, for a new event.</summary>
    private async Task AddNotificationsAsync(IReadOnlyList<NewNotification> notifications, params OutgoingMail[] mails)
    {
        await Store.AppendAsync([NewStream($"s-{Guid.NewGuid()}")], []);
        (await Store.ProcessAsync("notifications", 10, (_, tx, ct) => Store.AddNotificationsAsync(tx, notifications, mails, ct))).ShouldBe(1);
    }

    /// <summary>The rows with their data as compact JSON: PostgreSQL's jsonb does not keep the spacing of the text.</summary>
    private static List<NotificationRow> Compact(IEnumerable<NotificationRow> rows) =>
        [.. rows.Select(r => r with { Data = JsonNode.Parse(r.Data)!.ToJsonString() })];
}
