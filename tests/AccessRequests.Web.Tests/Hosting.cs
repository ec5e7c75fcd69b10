using System.Net;
using System.Net.Http.Headers;
using AccessRequests.EventStore;
using AccessRequests.Web.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests;

/// <summary>Starting, restarting and operating the service.</summary>
public abstract class Hosting(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task it_reports_ready_and_publishes_its_openapi_document()
    {
        var client = Service.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.Get("/health/ready")).GetProperty("status").GetString().ShouldBe("ready");
        var openApi = await client.Get("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/applications");
        paths.ShouldContain("/api/applications/{id}/{command}");
        paths.ShouldContain("/api/datasets");
    }

    [Fact]
    public void the_notification_store_is_the_event_store_whose_transactions_the_notification_consumer_writes_in()
    {
        Service.Services.GetRequiredService<INotificationStore>().ShouldBeSameAs(Service.Services.GetRequiredService<IEventStore>());
    }

    [Fact]
    public async Task rebuilding_the_read_models_gives_back_the_same_applications_and_catalogue()
    {
        var researcher = await Service.ClientFor("researcher");
        var admin = await Service.ClientFor("admin");
        var id = await researcher.CreateApplication(Api.Wgs, Api.Phenotypes);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await researcher.Command(id, "comment", new { text = "first", visibility = "public" }).Ok();
        var before = (await researcher.Get($"/api/applications/{id}")).GetRawText();
        var datasetsBefore = (await researcher.Get("/api/datasets")).GetRawText();

        await researcher.PostAsync("/api/admin/rebuild-read-models", null).Problem(HttpStatusCode.Forbidden);
        var rebuilt = await admin.PostAsync("/api/admin/rebuild-read-models", null).Ok();
        rebuilt.GetProperty("events").GetInt64().ShouldBeGreaterThanOrEqualTo(3);

        (await researcher.Get($"/api/applications/{id}")).GetRawText().ShouldBe(before);
        (await researcher.Get("/api/datasets")).GetRawText().ShouldBe(datasetsBefore);
        (await researcher.Get("/api/applications?view=mine")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldContain(id);
        (await (await Service.ClientFor("steward")).Get("/api/applications?view=all")).GetArrayLength().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task it_refuses_to_start_in_production_with_the_development_issuer_on()
    {
        await using var production = fixture.NewInstance("Production", new Dictionary<string, string> { ["AccessRequests:Auth:DevelopmentIssuer:Enabled"] = "true" });
        var failure = Should.Throw<InvalidOperationException>(() => production.CreateClient());
        failure.Message.ShouldContain("DevelopmentIssuer");

        await using var safe = fixture.NewInstance("Production");
        var client = safe.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync("/dev-issuer/token", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task tokens_that_are_missing_forged_or_foreign_get_401_and_change_nothing()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var genuine = researcher.DefaultRequestHeaders.Authorization!.Parameter!;

        foreach (var token in Tokens.Forgeries(genuine, Service.Services.GetRequiredService<DevelopmentIssuer>()))
        {
            var client = Service.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            var answer = await client.Command(id, "save-draft", Api.CompleteDraft("Forged"));
            answer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, token.Name);
        }
        (await Service.CreateClient().Command(id, "save-draft", Api.CompleteDraft("Anonymous"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await researcher.EventTypes(id)).ShouldBe(["application-created"]);
    }
}

public sealed class HostingOnSqlite(SqliteServiceFixture fixture) : Hosting(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class HostingOnPostgres(PostgresServiceFixture fixture) : Hosting(fixture), IClassFixture<PostgresServiceFixture>;
