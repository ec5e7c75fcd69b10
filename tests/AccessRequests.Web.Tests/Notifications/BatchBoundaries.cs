using AccessRequests.EventStore;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Hosting;
using AccessRequests.Web.Notifications;
using AccessRequests.Web.Tests.Ui;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>
/// The consumer reads the log in batches; a command whose events a batch boundary cuts is still judged whole, once:
/// read two events at a time, a decision (the DAC's decision, the application's, a grant per person) tells each
/// applying person of the decision once, and nobody of a grant on its own.
/// </summary>
public sealed class BatchBoundaries(MailFailingSqliteFixture fixture) : IClassFixture<MailFailingSqliteFixture>
{
    [Fact]
    public async Task a_command_cut_by_a_batch_boundary_is_judged_whole_and_once()
    {
        var services = fixture.Service.Services;
        var consumer = new NotificationConsumer(
            services.GetRequiredService<IEventStore>(), services.GetRequiredService<INotificationStore>(), services.GetRequiredService<CatalogueStore>(),
            services.GetRequiredService<MailComposer>(), services.GetRequiredService<IOptions<ServiceOptions>>(), NullLogger<NotificationConsumer>.Instance)
        {
            BatchSize = 2,
        };
        var id = await Approvals.ApprovedAsync(fixture.Service, "Cut " + Guid.NewGuid().ToString("N")[..8], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(100)), withCoApplicant: true);
        var batches = 0;
        while (await consumer.ProcessAsync(CancellationToken.None) > 0)
        {
            batches++;
        }
        batches.ShouldBeGreaterThan(5, "the history was read two events at a time");

        var store = services.GetRequiredService<INotificationStore>();
        async Task<string[]> KindsOf(string user) =>
            [.. (await store.ListNotificationsAsync(user, 100)).Where(n => n.ApplicationId == id).Select(n => n.Kind).Order()];
        (await KindsOf("researcher")).ShouldBe(["application-decided"]);
        (await KindsOf("co-applicant")).ShouldBe(["application-decided"]);
        (await KindsOf("steward")).ShouldBe(["application-submitted"]);
        (await KindsOf("dac-chair")).ShouldBe(["review-opened", "votes-in"]);
        (await KindsOf("dac-member-1")).ShouldBe(["review-opened"]);
        (await KindsOf("dac-member-2")).ShouldBe(["review-opened"]);
    }
}
