using System.Net;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>/api/notifications: each user's own list and preferences, refusals that change nothing, the admins' outbox.</summary>
public abstract class NotificationsApi(ServiceFixture fixture)
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task a_submission_lands_in_the_stewards_list_unread_and_marking_it_read_touches_no_one_elses()
    {
        var title = "List " + Guid.NewGuid().ToString("N")[..12];
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication(Api.CompleteDraft(title));

        var item = await Eventually(steward, title);
        item.GetProperty("kind").GetString().ShouldBe("application-submitted");
        item.GetProperty("path").GetString().ShouldBe($"/review/{id}");
        item.TryGetProperty("readAt", out var readAt).ShouldBeTrue();
        readAt.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await steward.Get("/api/notifications")).GetProperty("unread").GetInt32().ShouldBeGreaterThan(0);
        (await researcher.Get("/api/notifications")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("subject").GetString()!.Contains(title), "nobody is told of their own act");

        var itemId = item.GetProperty("id").GetGuid();
        (await researcher.PostJson("/api/notifications/read", new { ids = new[] { itemId } }).Ok()).GetProperty("changed").GetInt32().ShouldBe(0);
        (await Find(steward, title)).GetProperty("readAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await steward.PostJson("/api/notifications/read", new { ids = new[] { itemId } }).Ok()).GetProperty("changed").GetInt32().ShouldBe(1);
        (await Find(steward, title)).GetProperty("readAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);

        await steward.PostAsync("/api/notifications/read", null).Ok();
        (await steward.Get("/api/notifications")).GetProperty("unread").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task the_list_is_written_in_the_language_of_the_request()
    {
        var title = "Sprog " + Guid.NewGuid().ToString("N")[..12];
        var researcher = await Service.ClientFor("researcher");
        await researcher.SubmittedApplication(Api.CompleteDraft(title));
        var steward = await Service.ClientFor("steward");
        await Eventually(steward, title);
        steward.DefaultRequestHeaders.AcceptLanguage.ParseAdd("da");
        (await Find(steward, title)).GetProperty("subject").GetString().ShouldBe($"Ny ansøgning til kontrol: {title}");
    }

    [Fact]
    public async Task preferences_are_the_users_own_and_a_bad_one_is_refused_naming_the_field_and_changing_nothing()
    {
        var client = await Service.ClientFor("dac-member-2");
        var before = await client.Get("/api/notifications/preferences");
        before.GetProperty("frequency").GetString().ShouldBe("immediate");

        var problem = await client.PutJson("/api/notifications/preferences", new { language = "fr", frequency = "hourly" }).Problem(HttpStatusCode.BadRequest);
        problem.ErrorFields().Order().ShouldBe(["frequency", "language"]);
        problem.GetProperty("errors").GetProperty("frequency")[0].GetString().ShouldBe("The frequency is immediate or daily.");
        await client.PutJson("/api/notifications/preferences", new { language = "da" }).Problem(HttpStatusCode.BadRequest);
        (await client.Get("/api/notifications/preferences")).GetRawText().ShouldBe(before.GetRawText());

        var saved = await client.PutJson("/api/notifications/preferences", new { language = "da", frequency = "daily" }).Ok();
        saved.GetProperty("language").GetString().ShouldBe("da");
        saved.GetProperty("frequency").GetString().ShouldBe("daily");
        (await (await Service.ClientFor("dac-member-1")).Get("/api/notifications/preferences")).GetProperty("frequency").GetString().ShouldBe("immediate");
        await client.PutJson("/api/notifications/preferences", new { language = "en", frequency = "immediate" }).Ok();
    }

    [Fact]
    public async Task only_admins_see_the_outbox_and_resend_and_nobody_unsigned_sees_anything()
    {
        var researcher = await Service.ClientFor("researcher");
        await researcher.GetAsync("/api/notifications/mail").Problem(HttpStatusCode.Forbidden);
        await researcher.PostAsync($"/api/notifications/mail/{Guid.NewGuid()}/retry", null).Problem(HttpStatusCode.Forbidden);
        (await Service.CreateClient().GetAsync("/api/notifications")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var admin = await Service.ClientFor("admin");
        (await admin.GetAsync("/api/notifications/mail?state=lost").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["state"]);
        (await admin.GetAsync("/api/notifications/mail?state=1").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["state"]);
        await admin.PostAsync($"/api/notifications/mail/{Guid.NewGuid()}/retry", null).Problem(HttpStatusCode.NotFound);
        (await admin.Get("/api/notifications/mail?state=failed")).ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Array);
    }

    [Fact]
    public async Task the_embedded_default_writes_each_email_as_a_file_under_the_data_folder()
    {
        var title = "File " + Guid.NewGuid().ToString("N")[..12];
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication(Api.CompleteDraft(title));
        var folder = Path.Combine(Service.DataDirectory, "mail");
        var until = DateTime.UtcNow.AddSeconds(30);
        AccessRequests.Testing.ReceivedMail? found = null;
        while (found is null)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, $"no e-mail about {title} in {folder}");
            found = (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
                .Select(f => AccessRequests.Testing.ReceivedMail.Read(f))
                .FirstOrDefault(m => (m.Subject ?? "").Contains(title));
            await Task.Delay(200);
        }
        found.Subject.ShouldBe($"[AccessRequests] New application to check: {title}");
        found.Text!.ShouldContain($"http://localhost/review/{id}");
        found.Html!.ShouldContain($"href=\"http://localhost/review/{id}\"");
    }

    private static async Task<System.Text.Json.JsonElement> Eventually(HttpClient client, string title)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var item = await FindOrDefault(client, title);
            if (item is { } found)
            {
                return found;
            }
            DateTime.UtcNow.ShouldBeLessThan(until, $"no notification about {title}");
            await Task.Delay(200);
        }
    }

    private static async Task<System.Text.Json.JsonElement> Find(HttpClient client, string title) =>
        await FindOrDefault(client, title) ?? throw new ShouldAssertException($"no notification about {title}");

    private static async Task<System.Text.Json.JsonElement?> FindOrDefault(HttpClient client, string title) =>
        (await client.Get("/api/notifications")).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("subject").GetString()!.Contains(title)).Select(i => (System.Text.Json.JsonElement?)i).FirstOrDefault();
}

public sealed class NotificationsApiOnSqlite(SqliteServiceFixture fixture) : NotificationsApi(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class NotificationsApiOnPostgres(PostgresServiceFixture fixture) : NotificationsApi(fixture), IClassFixture<PostgresServiceFixture>;
