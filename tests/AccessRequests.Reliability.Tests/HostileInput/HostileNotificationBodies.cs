using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessRequests.Reliability.Tests.Concurrency;
using AccessRequests.Web.Notifications;
using AccessRequests.Web.Tests;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>
/// The notification endpoints that read a body change no events, so <see cref="HostileBodies"/>' event count cannot
/// tell whether they wrote: here every <see cref="Malformations"/> gets its 4xx problem details and leaves the caller's
/// preferences and unread notifications as they were; then the valid body changes them.
/// </summary>
public abstract class HostileNotificationBodies(ServiceFixture fixture, ITestOutputHelper output)
{
    private ServiceFactory Service => fixture.Service;

    public static TheoryData<string> Operations() => ["PUT /api/notifications/preferences", "POST /api/notifications/read"];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task hostile_bodies_get_4xx_problem_details_and_change_nothing(string operation)
    {
        var steward = await Service.ClientFor("steward");
        JsonObject valid;
        Type requestType;
        if (operation.EndsWith("/read", StringComparison.Ordinal))
        {
            var id = await (await Service.ClientFor("researcher")).SubmittedApplication();
            valid = new JsonObject { ["ids"] = new JsonArray(JsonValue.Create(await UnreadNoticeAbout(steward, id))) };
            requestType = typeof(NotificationEndpoints.ReadRequest);
        }
        else
        {
            valid = new JsonObject { ["language"] = "da", ["frequency"] = (await State(steward)).StartsWith("immediate", StringComparison.Ordinal) ? "daily" : "immediate" };
            requestType = typeof(NotificationEndpoints.Preferences);
        }
        var method = new HttpMethod(operation.Split(' ')[0]);
        var path = operation.Split(' ')[1];
        var before = await State(steward);
        var seen = 0;
        foreach (var m in Malformations.For(requestType, valid))
        {
            var answer = await steward.SendAsync(new HttpRequestMessage(method, path) { Content = m.Content });
            var text = await answer.Content.ReadAsStringAsync();
            var what = $"{operation} ← {m.Name}: {(int)answer.StatusCode} {text[..Math.Min(text.Length, 400)]}";
            answer.StatusCode.ShouldBe(m.Expected, what);
            answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
            if (m.Field is not null)
            {
                JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject()
                    .Select(e => e.Name).ShouldContain(n => n == m.Field || n.StartsWith(m.Field + "[", StringComparison.Ordinal), what);
            }
            (await State(steward)).ShouldBe(before, what);
            seen++;
        }
        var control = await steward.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(valid.ToJsonString(), System.Text.Encoding.UTF8, "application/json") });
        control.StatusCode.ShouldBe(HttpStatusCode.OK, await control.Content.ReadAsStringAsync());
        (await State(steward)).ShouldNotBe(before, "the valid body changes what the hostile ones left alone");
        Counts.Write(output, $"hostile-notification-bodies on {GetType().Name}: {operation}: {seen} requests refused");
    }

    /// <summary>The caller's preferences and unread count, as one string to compare.</summary>
    private static async Task<string> State(HttpClient client)
    {
        var preferences = await client.Get("/api/notifications/preferences");
        var list = await client.Get("/api/notifications");
        return $"{preferences.GetProperty("frequency").GetString()} {preferences.GetProperty("language").GetString()} unread={list.GetProperty("unread").GetInt32()}";
    }

    private static async Task<string> UnreadNoticeAbout(HttpClient client, Guid applicationId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var item = (await client.Get("/api/notifications")).GetProperty("items").EnumerateArray()
                .FirstOrDefault(i => i.GetProperty("applicationId").GetString() == applicationId.ToString());
            if (item.ValueKind == JsonValueKind.Object)
            {
                return item.GetProperty("id").GetString()!;
            }
            DateTime.UtcNow.ShouldBeLessThan(until, "the steward was not told of the submission");
            await Task.Delay(200);
        }
    }
}

public sealed class HostileNotificationBodiesOnPostgres(PostgresServiceFixture fixture, ITestOutputHelper output)
    : HostileNotificationBodies(fixture, output), IClassFixture<PostgresServiceFixture>;

public sealed class HostileNotificationBodiesOnSqlite(SqliteServiceFixture fixture, ITestOutputHelper output)
    : HostileNotificationBodies(fixture, output), IClassFixture<SqliteServiceFixture>;
