using System.Net;
using AccessRequests.Reliability.Tests.Concurrency;
using AccessRequests.Web.Tests;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>
/// DELETE /api/roles/{role}/{userId} takes no body: its input is the path. Unknown roles, traversal, control
/// characters and very long user ids get 400 naming the segment, and nothing is written; then a real removal is.
/// </summary>
public abstract class HostileRolePaths(ServiceFixture fixture, ITestOutputHelper output)
{
    private ServiceFactory Service => fixture.Service;

    public static TheoryData<string, string> Paths() => new()
    {
        { "superuser/steward", "role" },
        { "..%2F..%2Fadmin/steward", "role" },
        { "steward/ste%07ward%1B%5B2J", "userId" },
        { "steward/" + new string('a', 5_000), "userId" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task a_hostile_path_gets_400_naming_the_segment_and_writes_nothing(string path, string field)
    {
        var admin = await Service.ClientFor("admin");
        var before = await Written.Count(Service);
        var answer = await admin.DeleteAsync($"/api/roles/{path}");
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await answer.Json()).ErrorFields().ShouldBe([field], text);
        (await Written.Count(Service)).ShouldBe(before);
        Counts.Write(output, $"hostile-role-paths on {GetType().Name}: {path[..Math.Min(path.Length, 40)]}: {(int)answer.StatusCode}");
    }

    [Fact]
    public async Task a_real_removal_is_written()
    {
        var admin = await Service.ClientFor("admin");
        (await admin.PostAsync("/api/roles", System.Net.Http.Json.JsonContent.Create(new { userId = "hostile-auditor", role = "auditor" }))).EnsureSuccessStatusCode();
        var before = await Written.Count(Service);
        (await admin.DeleteAsync("/api/roles/auditor/hostile-auditor")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Written.Count(Service)).ShouldBe(before + 1);
    }
}

public sealed class HostileRolePathsOnPostgres(PostgresServiceFixture fixture, ITestOutputHelper output)
    : HostileRolePaths(fixture, output), IClassFixture<PostgresServiceFixture>;

public sealed class HostileRolePathsOnSqlite(SqliteServiceFixture fixture, ITestOutputHelper output)
    : HostileRolePaths(fixture, output), IClassFixture<SqliteServiceFixture>;
