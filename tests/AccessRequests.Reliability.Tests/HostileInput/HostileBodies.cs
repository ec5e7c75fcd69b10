using System.Text.Json;
using System.Text.Json.Nodes;
using AccessRequests.Reliability.Tests.Concurrency;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Tests;
using ApplicationStates = AccessRequests.Web.Tests.ApplicationStates;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>
/// Issue 8, item 6: every endpoint of /openapi/v1.json that reads a JSON body gets every <see cref="Malformations"/>
/// from an actor allowed to call it, on a target where the valid body succeeds. Each answer is the 4xx named, as
/// problem details naming the field; nothing reaches the store; and then the valid body does (so the target was live).
/// </summary>
public abstract class HostileBodies(ServiceFixture fixture, ITestOutputHelper output)
{
    private ServiceFactory Service => fixture.Service;

    public static TheoryData<string> Operations() => [.. Targets.All.Select(t => t.Operation)];

    [Fact]
    public async Task every_write_operation_of_the_openapi_document_is_attacked()
    {
        var document = await (await Service.ClientFor("researcher")).Get("/openapi/v1.json");
        var writes = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "post" or "put" or "patch" or "delete" || (op.Name == "get" && op.Value.TryGetProperty("requestBody", out _)))
                .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();
        writes.ShouldNotBeEmpty();
        writes.ShouldContain(Targets.CommandRoute);
        var covered = Targets.All.Select(t => t.Operation.StartsWith("POST /api/applications/{id}/", StringComparison.Ordinal) ? Targets.CommandRoute : t.Operation)
            .Concat(Targets.Elsewhere.Keys).ToHashSet();
        writes.Where(w => !covered.Contains(w)).ShouldBeEmpty("a new endpoint needs a target here");
        Targets.All.Where(t => t.Operation.StartsWith("POST /api/applications/{id}/", StringComparison.Ordinal))
            .Select(t => t.Operation.Split('/').Last()).ShouldBe(Commands.All.Keys, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task hostile_bodies_get_4xx_problem_details_naming_the_field_and_write_nothing(string operation)
    {
        var target = Targets.Named(operation);
        var states = new ApplicationStates(Service);
        var path = await target.Arrange(states);
        var valid = JsonNode.Parse(JsonSerializer.Serialize(target.Body, JsonSerializerOptions.Web))!.AsObject();
        if (valid["token"]?.GetValue<string>() == Targets.Invitation.Placeholder)
        {
            valid["token"] = Targets.Invitation.Tokens[Guid.Parse(path.Split('/')[3])];
        }
        var client = await states.As(target.Actor);
        var method = new HttpMethod(operation.Split(' ')[0]);
        var before = await Written.Count(Service);
        var seen = new List<string>();

        foreach (var m in Malformations.For(target.RequestType, valid))
        {
            var answer = await client.SendAsync(new HttpRequestMessage(method, path) { Content = m.Content });
            var text = await answer.Content.ReadAsStringAsync();
            var what = $"{operation} ← {m.Name}: {(int)answer.StatusCode} {text[..Math.Min(text.Length, 400)]}";
            seen.Add($"{(int)answer.StatusCode}");
            ((int)answer.StatusCode).ShouldBeLessThan(500, what);
            answer.StatusCode.ShouldBe(m.Expected, what);
            answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
            if (m.Field is not null)
            {
                JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject()
                    .Select(e => e.Name).ShouldContain(n => n == m.Field || n.StartsWith(m.Field + ".", StringComparison.Ordinal) || n.StartsWith(m.Field + "[", StringComparison.Ordinal), what);
            }
            if (await Written.Count(Service) != before)
            {
                Assert.Fail($"something was written: {what}; {await Written.After(Service, before)}");
            }
        }

        var control = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent(valid) });
        control.StatusCode.ShouldBe(target.Success, $"the valid body succeeds on the target: {await control.Content.ReadAsStringAsync()}");
        if (operation != "POST /dev-issuer/token")
        {
            (await Written.Count(Service)).ShouldBeGreaterThan(before, "the valid body is written: the target could have been");
        }
        Counts.Write(output, $"hostile-bodies on {GetType().Name}: {operation}: {seen.Count} requests, "
            + string.Join(", ", seen.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));
    }

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}

public sealed class HostileBodiesOnPostgres(PostgresServiceFixture fixture, ITestOutputHelper output)
    : HostileBodies(fixture, output), IClassFixture<PostgresServiceFixture>;

public sealed class HostileBodiesOnSqlite(SqliteServiceFixture fixture, ITestOutputHelper output)
    : HostileBodies(fixture, output), IClassFixture<SqliteServiceFixture>;
