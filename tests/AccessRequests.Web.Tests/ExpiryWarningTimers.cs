using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;
using AccessRequests.Web.Tests.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests;

/// <summary>
/// The deadline timer warns 30 and 7 days before access and the ethics approval end: each warning recorded once,
/// and a restarted service, reading the warnings back from the log, gives none again.
/// </summary>
public abstract class ExpiryWarningTimers(ServiceFixture fixture)
{
    [Fact]
    public async Task warnings_come_30_and_7_days_before_the_end_once_each_also_across_restarts()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        // The NGC workflow ends access with the ethics approval: both end at the same midnight, and both are warned of.
        var lastDay = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(100));
        var end = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Guid id;
        // Sign-in tokens are checked against the real time, so the moved clock's instances are read through the store.
        await using (var first = fixture.NewInstance(settings: TimerPolling.Fast, clock: clock))
        {
            id = await Approved(first, lastDay);
            (await Warnings(first, id)).ShouldBeEmpty();

            MoveTo(clock, end.AddDays(-30).AddMinutes(1));
            await TimerPolling.Eventually(async () => (await Warnings(first, id)).Count == 2);
        }

        await using (var second = fixture.NewInstance(settings: TimerPolling.Fast, clock: clock))
        {
            MoveTo(clock, end.AddDays(-7).AddMinutes(1));
            await TimerPolling.Eventually(async () => (await Warnings(second, id)).Count == 4);
        }

        await using var third = fixture.NewInstance(settings: TimerPolling.Fast, clock: clock);
        MoveTo(clock, end.AddDays(-1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        MoveTo(clock, end.AddMinutes(1));
        await TimerPolling.Eventually(async () => (await Types(third, id)).Contains("access-expired"));
        await Task.Delay(TimeSpan.FromSeconds(1));

        (await Warnings(third, id)).Order(StringComparer.Ordinal).ShouldBe(
        [
            $"ethics-approval 30 {end:O}", $"ethics-approval 7 {end:O}", $"grant 30 {end:O}", $"grant 7 {end:O}",
        ]);
        (await Types(third, id)).Count(t => t == "access-expired").ShouldBe(1);
    }

    [Fact]
    public async Task access_given_for_less_than_30_days_is_warned_of_at_once_and_the_page_says_so_in_english_and_danish()
    {
        await using var service = fixture.NewInstance(settings: TimerPolling.Fast);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var id = await Approved(service, today.AddDays(100), grantUntil: today.AddDays(10));

        await TimerPolling.Eventually(async () => (await Warnings(service, id)).Count == 1);

        var researcher = await service.ClientFor("researcher");
        var (_, english) = await researcher.Read($"/applications/{id}");
        english.ShouldContain($"was told that their access to {Api.Wgs} ends on");
        var (_, danish) = await researcher.Read($"/applications/{id}", "da");
        danish.ShouldContain($"fik besked om, at adgangen til {Api.Wgs} udløber");
    }

    /// <summary>
    /// The researcher's NGC application with an ethics approval through <paramref name="ethicsUntil"/>, approved (with
    /// access through <paramref name="grantUntil"/> if given, else as long as the approval).
    /// </summary>
    private static async Task<Guid> Approved(ServiceFactory service, DateOnly ethicsUntil, DateOnly? grantUntil = null)
    {
        var researcher = await service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await researcher.Command(id, "add-ethics-approval", new
        {
            committee = "region-h", caseNumber = "H-21012345", validFrom = ethicsUntil.AddYears(-1), validUntil = ethicsUntil,
        }).Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        await (await service.ClientFor("steward")).Command(id, "verify-ethics").Ok();
        foreach (var member in new[] { "dac-member-1", "dac-member-2" })
        {
            await (await service.ClientFor(member)).Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }
        await (await service.ClientFor("dac-chair")).Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil = grantUntil }).Ok();
        return id;
    }

    private static async Task<IReadOnlyList<RecordedEvent>> History(ServiceFactory service, Guid id) =>
        (await service.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"application-{id}")).Events;

    private static async Task<List<string>> Types(ServiceFactory service, Guid id) => [.. (await History(service, id)).Select(e => e.Type)];

    /// <summary>The expiry warnings recorded, as "subject days end".</summary>
    private static async Task<List<string>> Warnings(ServiceFactory service, Guid id) =>
        [.. (await History(service, id))
            .Where(e => e.Type == "expiry-approaching")
            .Select(e => (ApplicationEvent.ExpiryApproaching)ApplicationEventJson.Deserialize(e.Type, e.Data))
            .Select(w => $"{(w.Subject == ExpirySubject.Grant ? "grant" : "ethics-approval")} {w.DaysBefore} {w.ExpiresAt.ToUniversalTime():O}")];

    private static void MoveTo(ManualClock clock, DateTimeOffset at) => clock.Advance(at - clock.GetUtcNow());
}

public sealed class ExpiryWarningTimersOnSqlite(SqliteServiceFixture fixture) : ExpiryWarningTimers(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class ExpiryWarningTimersOnPostgres(PostgresServiceFixture fixture) : ExpiryWarningTimers(fixture), IClassFixture<PostgresServiceFixture>;
