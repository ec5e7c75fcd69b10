using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Tests;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.Concurrency;

/// <summary>
/// Issue 8, item 5: 50 requests at once on one application in the NGC DAC's review — votes, comments and the chair's
/// decision, a third of them with If-Match of the version all of them read first. Each is applied or refused (409; 412
/// for a stale If-Match), none is lost or doubled, and the read model is the fold of the history. The DAC's two
/// approvals are cast before, so the chair's decision races the members' further votes (which it closes).
/// </summary>
public abstract class ParallelReview(ServiceFixture fixture, ITestOutputHelper output)
{
    private const int Requests = 50;

    private ServiceFactory Service => fixture.Service;

    private sealed record Sent(string Kind, bool WithIfMatch, HttpStatusCode Status, long? Version, string Body);

    [Fact]
    public async Task fifty_parallel_votes_comments_and_decisions_are_each_applied_or_refused_and_the_state_is_the_history_folded()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in new[] { "researcher", "steward", "dac-chair", "dac-member-1", "dac-member-2", "admin" })
        {
            clients[user] = await Service.ClientFor(user);
        }
        var id = await clients["researcher"].SubmittedApplication();
        await clients["steward"].Command(id, "verify-ethics").Ok();
        // The two approvals the chair needs are in before the burst, so the decision can land in it and race the votes.
        await clients["dac-member-1"].Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        await clients["dac-member-2"].Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        var read = await clients["dac-chair"].GetAsync($"/api/applications/{id}");
        var etag = read.Headers.ETag!.Tag;
        var eventsBefore = await Kinds(id);

        using var start = new ManualResetEventSlim();
        var sent = new ConcurrentBag<Sent>();
        var tasks = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            var (kind, user, command, body) = (i % 5) switch
            {
                // Each vote has its own comment, so none repeats an earlier one (a repeat records nothing and answers 200).
                0 => ("vote", "dac-member-1", "vote", (object)new { dacId = "ngc-dac", vote = "approve", comment = $"Vote {i}." }),
                1 => ("vote", "dac-member-2", "vote", new { dacId = "ngc-dac", vote = "approve", comment = $"Vote {i}." }),
                2 => ("decide", "dac-chair", "decide", new { dacId = "ngc-dac", decision = "approve", conditions = new[] { $"Decision {i}." } }),
                3 => ("comment", i % 2 == 0 ? "steward" : "dac-member-1", "comment", new { text = $"Internal note {i}.", visibility = "internal" }),
                _ => ("comment", "researcher", "comment", new { text = $"Public note {i}.", visibility = "public" }),
            };
            var withIfMatch = i % 3 == 0;
            start.Wait();
            var answer = await clients[user].Command(id, command, body, withIfMatch ? etag : null);
            var text = await answer.Content.ReadAsStringAsync();
            long? version = answer.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt64() : null;
            sent.Add(new Sent(kind, withIfMatch, answer.StatusCode, version, text));
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        sent.Count.ShouldBe(Requests);
        foreach (var s in sent)
        {
            var allowed = s.WithIfMatch
                ? new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed }
                : [HttpStatusCode.OK, HttpStatusCode.Conflict];
            allowed.ShouldContain(s.Status, $"{s.Kind} (If-Match: {s.WithIfMatch}): {s.Body}");
        }
        sent.Where(s => s.WithIfMatch && s.Status == HttpStatusCode.OK).Count().ShouldBeLessThanOrEqualTo(1, "one version can be built on once");

        // Every 200 is one event of its kind, and no event comes without its 200.
        var after = await Kinds(id);
        int Ok(string kind) => sent.Count(s => s.Kind == kind && s.Status == HttpStatusCode.OK);
        int Added(string type) => after.Count(t => t == type) - eventsBefore.Count(t => t == type);
        Added("vote-cast").ShouldBe(Ok("vote"));
        Added("comment-added").ShouldBe(Ok("comment"));
        Added("dac-decided").ShouldBe(Ok("decide"));
        Ok("decide").ShouldBeLessThanOrEqualTo(1, "a DAC decides once");
        (await clients["dac-chair"].Status(id)).ShouldBe(Ok("decide") == 1 ? "approved" : "submitted");
        sent.Where(s => s.Version is not null).Select(s => s.Version).ShouldBeUnique("two successes never share a version");

        await ReadModelIsTheFold(id, clients["dac-chair"]);
        await clients["admin"].PostAsync("/api/admin/rebuild-read-models", null).Ok();
        await ReadModelIsTheFold(id, clients["dac-chair"]);

        Report(sent, output);
    }

    /// <summary>The row the API answers from equals the history folded, and the version is the number of events.</summary>
    private async Task ReadModelIsTheFold(Guid id, HttpClient reviewer)
    {
        var store = Service.Services.GetRequiredService<IEventStore>();
        var slice = await store.ReadStreamAsync(ApplicationStreams.StreamId(id));
        slice.Version.ShouldBe(slice.Events.Count);
        var folded = ApplicationView.From(ApplicationStreams.Fold(slice.Events), slice.Version);
        var row = (await store.GetApplicationAsync(id))!;
        row.Version.ShouldBe(slice.Version);
        JsonSerializer.Serialize(ApplicationView.FromRow(row), ApplicationEventJson.Options)
            .ShouldBe(JsonSerializer.Serialize(folded, ApplicationEventJson.Options));
        var answered = await reviewer.Get($"/api/applications/{id}");
        answered.GetProperty("version").GetInt64().ShouldBe(slice.Version);
        answered.GetProperty("status").GetString().ShouldBe(folded.Status);
    }

    private async Task<List<string>> Kinds(Guid id)
    {
        var slice = await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync(ApplicationStreams.StreamId(id));
        return [.. slice.Events.Select(e => e.Type)];
    }

    /// <summary>The counts for the README's table, in the test's output.</summary>
    private void Report(IEnumerable<Sent> sent, ITestOutputHelper output)
    {
        foreach (var g in sent.GroupBy(s => (s.Kind, s.WithIfMatch, s.Status)).OrderBy(g => g.Key.ToString()))
        {
            Counts.Write(output, $"parallel-review on {GetType().Name}: {g.Key.Kind} if-match={g.Key.WithIfMatch} {(int)g.Key.Status}: {g.Count()}");
        }
    }
}

public sealed class ParallelReviewOnPostgres(PostgresServiceFixture fixture, ITestOutputHelper output)
    : ParallelReview(fixture, output), IClassFixture<PostgresServiceFixture>;

public sealed class ParallelReviewOnSqlite(SqliteServiceFixture fixture, ITestOutputHelper output)
    : ParallelReview(fixture, output), IClassFixture<SqliteServiceFixture>;
