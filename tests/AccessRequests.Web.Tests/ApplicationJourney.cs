using System.Net;
using System.Net.Http.Json;

namespace AccessRequests.Web.Tests;

/// <summary>The applicant's journey through the API, run against SQLite and PostgreSQL alike.</summary>
public abstract class ApplicationJourney(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task a_researcher_creates_fills_accepts_and_submits_and_the_history_shows_each_step()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        await researcher.Command(id, "accept-terms").Ok();
        var submitted = await researcher.Command(id, "submit").Ok();
        submitted.GetProperty("version").GetInt64().ShouldBe(7);

        var application = await researcher.Get($"/api/applications/{id}");
        application.GetProperty("status").GetString().ShouldBe("submitted");
        application.GetProperty("title").GetString().ShouldBe("Rare variants in Danish epilepsy patients");
        application.GetProperty("answers").GetProperty("project-summary").GetString().ShouldStartWith("We look for rare variants");

        var history = (await researcher.Get($"/api/applications/{id}/events")).EnumerateArray().ToList();
        history.Select(e => e.GetProperty("type").GetString()).ShouldBe([
            "application-created", "draft-saved", "ethics-approval-added", "terms-accepted", "application-submitted",
            "affiliation-confirmed-automatically", "purpose-matched"]);
        history.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        history.ShouldAllBe(e => e.GetProperty("actor").GetString() == "researcher");
        var times = history.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.Order().ToList());
        times[0].ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));

        var mine = await researcher.Get("/api/applications?view=mine");
        mine.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldContain(id);
    }

    [Fact]
    public async Task another_researcher_can_neither_read_nor_change_it_and_nothing_is_written()
    {
        var researcher = await Service.ClientFor("researcher");
        var other = await Service.ClientFor("other-researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();

        await other.GetAsync($"/api/applications/{id}").Problem(HttpStatusCode.Forbidden);
        await other.GetAsync($"/api/applications/{id}/events").Problem(HttpStatusCode.Forbidden);
        (await other.Command(id, "save-draft", Api.CompleteDraft("Hijacked")).Problem(HttpStatusCode.Forbidden))
            .GetProperty("rule").GetString().ShouldBe("save-draft.applicant-only");
        await other.Command(id, "submit").Problem(HttpStatusCode.Forbidden);
        await other.Command(id, "withdraw").Problem(HttpStatusCode.Forbidden);
        await other.Command(id, "close").Problem(HttpStatusCode.Forbidden);
        await other.Command(id, "accept-terms").Problem(HttpStatusCode.Forbidden);
        await other.Command(id, "comment", new { text = "hello", visibility = "public" }).Problem(HttpStatusCode.Forbidden);
        (await other.Get("/api/applications?view=mine")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldNotContain(id);
        await other.GetAsync("/api/applications?view=all").Problem(HttpStatusCode.Forbidden);

        (await researcher.EventTypes(id)).ShouldBe(["application-created", "draft-saved"]);
        (await researcher.Get($"/api/applications/{id}")).GetProperty("title").GetString().ShouldBe("Rare variants in Danish epilepsy patients");
    }

    [Fact]
    public async Task malformed_bodies_get_400_naming_the_field_and_write_nothing()
    {
        var researcher = await Service.ClientFor("researcher");
        (await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = "ngc-gdb-wgs" }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["datasetIds"]);
        (await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = Array.Empty<string>() }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["datasetIds"]);
        (await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { "no-such-dataset" } }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["datasetIds[0]"]);
        (await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { "Not An Id!" } }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["datasetIds[0]"]);

        var id = await researcher.CreateApplication(Api.Wgs);
        (await researcher.RawCommand(id, "save-draft", """{ "title": 42 }""").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["title"]);
        (await researcher.RawCommand(id, "save-draft", """{ "title": "x", "colour": "blue" }""").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["colour"]);
        (await researcher.RawCommand(id, "save-draft", """{ "title": "x", """).Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldNotBeEmpty();
        (await researcher.Command(id, "save-draft", new { answers = new { nonsense = "x" } }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["answers.nonsense"]);
        (await researcher.Command(id, "save-draft", new { researchPurpose = new { duoCodes = new[] { "HMB" } } }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["researchPurpose.duoCodes[0]"]);
        (await researcher.Command(id, "save-draft", new { title = new string('x', 301) }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["title"]);
        (await researcher.Command(id, "invite-member", new { email = "not an address", name = "" }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().Order().ShouldBe(["email", "name"]);
        (await researcher.Command(id, "comment", new { text = "x", visibility = "secret" }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["visibility"]);
        await researcher.Command(id, "no-such-command").Problem(HttpStatusCode.NotFound);

        (await researcher.EventTypes(id)).ShouldBe(["application-created"]);
    }

    [Fact]
    public async Task a_stale_if_match_is_refused_and_the_current_one_is_honoured()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var first = await researcher.GetAsync($"/api/applications/{id}");
        first.Headers.ETag!.Tag.ShouldBe("\"1\"");

        await researcher.Command(id, "save-draft", Api.CompleteDraft(), ifMatch: "\"1\"").Ok();
        var stale = await researcher.Command(id, "save-draft", Api.CompleteDraft("Overwrite"), ifMatch: "\"1\"").Problem(HttpStatusCode.PreconditionFailed);
        stale.GetProperty("currentVersion").GetInt64().ShouldBe(2);
        await researcher.Command(id, "save-draft", Api.CompleteDraft(), ifMatch: "\"banana\"").Problem(HttpStatusCode.BadRequest);

        (await researcher.Get($"/api/applications/{id}")).GetProperty("title").GetString().ShouldBe("Rare variants in Danish epilepsy patients");
        (await researcher.EventTypes(id)).ShouldBe(["application-created", "draft-saved"]);
        await researcher.Command(id, "save-draft", Api.CompleteDraft("Now current"), ifMatch: "\"2\"").Ok();
    }

    [Fact]
    public async Task submitting_needs_the_required_fields_and_everyones_acceptance_of_the_terms()
    {
        var researcher = await Service.ClientFor("researcher");
        var coApplicant = await Service.ClientFor("co-applicant");
        var id = await researcher.CreateApplication(Api.Wgs, Api.Phenotypes);

        var missing = await researcher.Command(id, "submit").Problem(HttpStatusCode.Conflict);
        missing.GetProperty("rule").GetString().ShouldBe("submit.required-fields-missing");
        missing.GetProperty("details").EnumerateArray().Select(d => d.GetString()).ShouldBe(["project-summary", "data-handling"]);

        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        var invited = await researcher.Command(id, "invite-member", new { email = "carl.nielsen@au.dk", name = "Carl Nielsen" }).Ok();
        var token = invited.GetProperty("invitationToken").GetString()!;
        await coApplicant.Command(id, "accept-invitation", new { token = "wrong" }).Problem(HttpStatusCode.Forbidden);
        await coApplicant.Command(id, "accept-invitation", new { token }).Ok();
        await researcher.Command(id, "accept-terms").Ok();

        var terms = await researcher.Command(id, "submit").Problem(HttpStatusCode.Conflict);
        terms.GetProperty("rule").GetString().ShouldBe("submit.terms-not-accepted");
        terms.GetProperty("details").EnumerateArray().Select(d => d.GetString()).ShouldBe(["co-applicant"]);

        await coApplicant.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        var application = await coApplicant.Get($"/api/applications/{id}");
        application.GetProperty("members").EnumerateArray().Single().GetProperty("userId").GetString().ShouldBe("co-applicant");
        var accepted = application.GetProperty("acceptedTerms").EnumerateArray().ToList();
        accepted.Select(a => a.GetProperty("userId").GetString()).ShouldBe(["co-applicant", "researcher"]);
        accepted[0].GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("datasetId").GetString()).ShouldBe([Api.Wgs, Api.Phenotypes]);

        var history = (await researcher.Get($"/api/applications/{id}/events")).EnumerateArray();
        history.Single(e => e.GetProperty("type").GetString() == "member-invited").GetProperty("data").TryGetProperty("tokenHash", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task withdraw_close_and_copy_as_new_follow_the_lifecycle()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await researcher.Command(id, "withdraw").Problem(HttpStatusCode.Conflict);
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        await researcher.Command(id, "close").Problem(HttpStatusCode.Conflict);
        await researcher.Command(id, "withdraw", new { reason = "Wrong dataset" }).Ok();
        await researcher.Command(id, "withdraw").Ok();
        await steward.Command(id, "close", new { reason = "Withdrawn by the applicant" }).Ok();

        var copy = await researcher.Command(id, "copy-as-new").Ok();
        var copyId = copy.GetProperty("id").GetGuid();
        copyId.ShouldNotBe(id);
        var draft = await researcher.Get($"/api/applications/{copyId}");
        draft.GetProperty("status").GetString().ShouldBe("draft");
        draft.GetProperty("copiedFrom").GetGuid().ShouldBe(id);
        draft.GetProperty("answers").GetProperty("data-handling").GetString().ShouldStartWith("Analysed on the national HPC");
        (await researcher.Get($"/api/applications/{id}")).GetProperty("copiedTo").EnumerateArray().Single().GetGuid().ShouldBe(copyId);
        (await researcher.EventTypes(id)).ShouldBe([
            "application-created", "draft-saved", "ethics-approval-added", "terms-accepted", "application-submitted",
            "affiliation-confirmed-automatically", "purpose-matched", "application-withdrawn", "application-closed", "application-copied"]);
    }

    [Fact]
    public async Task internal_comments_are_seen_by_stewards_and_never_by_applicants()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "comment", new { text = "Is the phenotype set needed too?", visibility = "public" }).Ok();
        (await researcher.Command(id, "comment", new { text = "psst", visibility = "internal" }).Problem(HttpStatusCode.Forbidden))
            .GetProperty("rule").GetString().ShouldBe("comment.internal-staff-only");
        await steward.Command(id, "comment", new { text = "Applicant seems unsure; check with DAC.", visibility = "internal" }).Ok();

        (await researcher.Get($"/api/applications/{id}")).GetProperty("comments").GetArrayLength().ShouldBe(1);
        (await researcher.EventTypes(id)).ShouldBe(["application-created", "comment-added"]);
        (await steward.Get($"/api/applications/{id}")).GetProperty("comments").GetArrayLength().ShouldBe(2);
        (await steward.EventTypes(id)).ShouldBe(["application-created", "comment-added", "comment-added"]);
    }

    [Fact]
    public async Task concurrent_writers_never_lose_an_update()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);

        // Without If-Match every comment lands: a writer that loses the race decides again on the new state.
        var comments = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            researcher.Command(id, "comment", new { text = $"comment {i}", visibility = "public" })));
        comments.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await researcher.Get($"/api/applications/{id}")).GetProperty("comments").GetArrayLength().ShouldBe(12);
        (await researcher.EventTypes(id)).Count.ShouldBe(13);

        // With the same If-Match only one writer can win; the others are told the version moved on.
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            researcher.Command(id, "comment", new { text = $"race {i}", visibility = "public" }, ifMatch: "\"13\"")));
        racing.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        racing.Count(r => r.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict).ShouldBe(7);
        (await researcher.EventTypes(id)).Count.ShouldBe(14);
    }
}

public sealed class ApplicationJourneyOnSqlite(SqliteServiceFixture fixture) : ApplicationJourney(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class ApplicationJourneyOnPostgres(PostgresServiceFixture fixture) : ApplicationJourney(fixture), IClassFixture<PostgresServiceFixture>;
