using System.Net;
using System.Net.Http.Json;
using AccessRequests.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests;

public abstract class RolesApi(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task an_admin_makes_someone_a_steward_and_takes_it_back_and_each_change_is_recorded()
    {
        var admin = await Service.ClientFor("admin");
        var member = await Service.ClientFor("dac-member-2");
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication();

        await member.Command(id, "verify-ethics").Problem(HttpStatusCode.Forbidden);
        await member.PostAsJsonAsync("/api/roles", new { userId = "dac-member-2", role = "steward" }).Problem(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync("/api/roles", new { userId = "dac-member-2", role = "janitor" }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["role"]);

        (await admin.PostAsJsonAsync("/api/roles", new { userId = "dac-member-2", role = "steward" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.Get("/api/roles")).EnumerateArray()
            .ShouldContain(r => r.GetProperty("userId").GetString() == "dac-member-2" && r.GetProperty("role").GetString() == "steward");
        var memberNow = await Service.ClientFor("dac-member-2");
        await memberNow.Command(id, "verify-ethics", new { comment = "Checked." }).Ok();

        (await admin.DeleteAsync("/api/roles/steward/dac-member-2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await memberNow.Command(id, "reject-affiliation", new { reason = "x" }).Problem(HttpStatusCode.Forbidden);
        await member.GetAsync("/api/roles").Problem(HttpStatusCode.Forbidden);

        var history = await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync("roles-dac-member-2");
        history.Events.Select(e => e.Type).ShouldBe(["roles-defined", "roles-defined"]);
        history.Events.ShouldAllBe(e => e.Data.Contains("\"actorId\":\"admin\"") || e.Data.Contains("\"actorId\": \"admin\""));
    }
}

public sealed class RolesApiOnSqlite(SqliteServiceFixture fixture) : RolesApi(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class RolesApiOnPostgres(PostgresServiceFixture fixture) : RolesApi(fixture), IClassFixture<PostgresServiceFixture>;
