using AccessRequests.Testing;

namespace AccessRequests.Web.Tests;

/// <summary>
/// Grants reach provisioning over the real RabbitMQ: two service instances on one PostgreSQL, an independent consumer,
/// a broker outage in the middle, then revocation and expiry.
/// </summary>
public sealed class GrantMessages(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const string Location = "region-h";

    /// <summary>Registered access: approved at submit, so an approval is four commands.</summary>
    private static async Task<Guid> Approved(HttpClient researcher)
    {
        var id = await researcher.CreateApplication(Api.BloodDonorSummary);
        await researcher.Command(id, "save-draft", new { title = "Look-up", researchPurpose = new { duoCodes = new[] { "DUO:0000042" } } }).Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        return id;
    }

    private static async Task<List<Guid>> ApproveMany(HttpClient[] clients, int count)
    {
        var ids = new List<Guid>();
        for (var batch = 0; batch < count; batch += clients.Length * 2)
        {
            var tasks = Enumerable.Range(batch, Math.Min(clients.Length * 2, count - batch)).Select(i => Approved(clients[i % clients.Length]));
            ids.AddRange(await Task.WhenAll(tasks));
        }
        return ids;
    }

    private static async Task<HashSet<Guid>> GrantEventIds(HttpClient client, IEnumerable<Guid> applications, string type)
    {
        var ids = new HashSet<Guid>();
        foreach (var id in applications)
        {
            foreach (var e in (await client.Get($"/api/applications/{id}/events")).EnumerateArray().Where(e => e.GetProperty("type").GetString() == type))
            {
                ids.Add(e.GetProperty("id").GetGuid());
            }
        }
        return ids;
    }

    [Fact]
    public async Task every_grant_revocation_and_expiry_arrives_once_through_outages_and_two_instances()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var first = fixture.NewInstance(clock);
        await using var second = fixture.NewInstance(clock);
        HttpClient[] researchers = [await first.ClientFor("researcher"), await second.ClientFor("researcher")];
        await using var consumer = await IndependentConsumer.BindAsync(fixture.Rabbit, fixture.VirtualHost, Location);
        await using var elsewhere = await IndependentConsumer.BindAsync(fixture.Rabbit, fixture.VirtualHost, "ngc-hpc");

        // 200 approvals through both instances: one AccessGranted each, MessageId = the granting event's id, none twice.
        var approved = await ApproveMany(researchers, 200);
        await consumer.UntilAsync(m => m.Count(x => x.Type == "AccessGranted") >= 200);
        await Task.Delay(1000);
        await consumer.DrainAsync();
        var granted = consumer.Messages.Where(m => m.Type == "AccessGranted").ToList();
        granted.Count.ShouldBe(200, "two instances, yet every grant published once");
        granted.Select(m => m.MessageId).ToHashSet().SetEquals(await GrantEventIds(researchers[0], approved, "access-granted")).ShouldBeTrue();
        granted.Select(m => m.Message.GetProperty("grantId").GetGuid()).Distinct().Count().ShouldBe(200);
        granted.ShouldAllBe(m => m.Message.GetProperty("location").GetString() == Location && m.Message.GetProperty("userId").GetString() == "researcher");

        // The broker goes away while approvals go on; afterwards every message arrives, none lost.
        await fixture.CutOffAsync();
        var duringOutage = await ApproveMany(researchers, 30);
        await Task.Delay(1500);
        var ready = await researchers[0].Get("/health/ready");
        ready.GetProperty("relay").GetProperty("lag").GetInt32().ShouldBeGreaterThan(0, "the relay waits for the broker");
        await fixture.RestoreAsync();
        await consumer.UntilAsync(m => m.Where(x => x.Type == "AccessGranted").Select(x => x.MessageId).Distinct().Count() >= 230);
        var expected = await GrantEventIds(researchers[0], duringOutage, "access-granted");
        consumer.Messages.Select(m => m.MessageId).ToHashSet().IsSupersetOf(expected).ShouldBeTrue();

        // Revocation and expiry.
        var steward = await first.ClientFor("steward");
        await steward.Command(approved[0], "revoke", new { reason = "Terms breached." }).Ok();
        await consumer.UntilAsync(m => m.Any(x => x.Type == "AccessRevoked"));
        var revoked = consumer.Messages.Single(m => m.Type == "AccessRevoked");
        revoked.Message.GetProperty("applicationId").GetGuid().ShouldBe(approved[0]);
        revoked.Message.GetProperty("reason").GetString().ShouldBe("Terms breached.");
        revoked.MessageId.ShouldBe((await GrantEventIds(steward, [approved[0]], "access-revoked")).Single());

        clock.Advance(TimeSpan.FromDays(366));
        await consumer.UntilAsync(m => m.Where(x => x.Type == "AccessExpired").Select(x => x.MessageId).Distinct().Count() >= 229, seconds: 120);
        consumer.Messages.Where(m => m.Type == "AccessExpired").Select(m => m.Message.GetProperty("applicationId").GetGuid())
            .ShouldNotContain(approved[0], "a revoked grant does not expire again");

        await elsewhere.DrainAsync();
        elsewhere.Messages.ShouldBeEmpty("no region-h message reaches a queue bound for ngc-hpc");
    }
}
