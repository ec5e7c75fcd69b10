using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AccessRequests.EventStore;
using Microsoft.Extensions.DependencyInjection;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// The administration pages: datasets, DACs and roles changed through forms exactly as through the API (same checks,
/// same events), only by admins; the workflows drawn read-only.
/// </summary>
public abstract partial class AdminPages(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    private static readonly string[] Pages =
    [
        "/admin", "/admin/datasets", "/admin/datasets/new", $"/admin/datasets/{Api.Wgs}/edit", "/admin/dacs", "/admin/dacs/new",
        "/admin/dacs/ngc-dac/edit", "/admin/roles", "/admin/workflows", "/admin/workflows/ngc-controlled-access/1",
        "/admin/mail",
    ];

    private static (string, string)[] NewDataset(string id, string title = "Pharmacogenomics panel") =>
    [
        ("id", id), ("title", title), ("description", "Genotypes of pharmacogenes."), ("location", "ngc-hpc"),
        ("dacId", "ngc-dac"), ("workflowId", "ngc-controlled-access"), ("duoCodes", "DUO:0000006"), ("duoCodes", "DUO:0000021"),
        ("disease", ""),
        ("terms[0].id", "pgx-terms"), ("terms[0].version", "2026-02"), ("terms[0].text", "Research use only."), ("terms[0].url", ""),
        ("terms[1].id", ""), ("terms[1].version", ""), ("terms[1].text", ""), ("terms[1].url", ""),
        ("form.fields[0].id", "project-summary"), ("form.fields[0].label", "Project summary"), ("form.fields[0].type", "textarea"), ("form.fields[0].required", "true"),
        ("form.fields[1].id", "funding"), ("form.fields[1].label", "Funding"), ("form.fields[1].type", "text"),
        ("form.fields[2].id", ""), ("form.fields[2].label", ""), ("form.fields[2].type", "text"),
    ];

    private static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task people_who_are_not_admins_get_a_refusal_on_every_page_and_no_form()
    {
        foreach (var user in new[] { "researcher", "steward", "dac-chair" })
        {
            var client = await Service.ClientFor(user);
            foreach (var path in Pages)
            {
                var (status, html) = await client.Page(path);
                status.ShouldBe(HttpStatusCode.Forbidden, $"{user} {path}");
                UiForms.Heading(html).ShouldBe("Not allowed");
                html.ShouldContain("Only administrators may see the administration pages.");
                html.ShouldNotContain("name=\"_handler\"", customMessage: $"{user} sees a form on {path}");
            }
        }
        var (_, danish) = await (await Service.ClientFor("researcher")).Page("/admin/roles", "da");
        UiForms.Heading(danish).ShouldBe("Ikke tilladt");
        UiForms.Text(danish).ShouldContain("Kun administratorer har adgang til administrationssiderne.");
    }

    [Fact]
    public async Task someone_no_longer_admin_when_they_submit_changes_nothing()
    {
        var admin = await Service.ClientFor("admin");
        (await admin.PostAsJsonAsync("/api/roles", new { userId = "dac-member-2", role = "admin" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var former = await Service.ClientFor("dac-member-2");
        var (status, form) = await former.Page("/admin/dacs/new");
        status.ShouldBe(HttpStatusCode.OK, "an admin while they open the form");
        (await admin.DeleteAsync("/api/roles/admin/dac-member-2")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var id = UniqueId("late-dac");
        var answer = await former.PostAsync("/admin/dacs/new", new FormUrlEncodedContent(
        [
            new("_handler", "dac"), new("__RequestVerificationToken", UiForms.Token(form, "/admin/dacs/new")), new("id", id), new("name", "Too late"),
            new("members[0].userId", "dac-member-2"), new("members[0].role", "chair"),
        ]));
        // The page renders its refusal instead of the form, so Blazor finds no form of that name to post to: 400.
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await answer.Content.ReadAsStringAsync());
        await Service.CreateClient().GetAsync($"/api/dacs/{id}").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_admin_adds_a_dataset_through_the_form_and_the_api_shows_it_with_the_change_recorded()
    {
        var admin = await Service.ClientFor("admin");
        var id = UniqueId("pgx");

        var (status, html) = await admin.Submit("/admin/datasets/new", "dataset", NewDataset(id));
        status.ShouldBe(HttpStatusCode.OK, html);
        UiForms.Heading(html).ShouldBe("Datasets");
        html.ShouldContain($"The dataset {id} is saved.");
        html.ShouldContain($"href=\"/admin/datasets/{id}/edit\"");

        var dataset = await Service.CreateClient().Get($"/api/datasets/{id}");
        dataset.GetProperty("title").GetString().ShouldBe("Pharmacogenomics panel");
        dataset.GetProperty("dacId").GetString().ShouldBe("ngc-dac");
        dataset.GetProperty("duoCodes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["DUO:0000006", "DUO:0000021"]);
        dataset.GetProperty("terms").GetArrayLength().ShouldBe(1, "the empty row is no document");
        dataset.GetProperty("terms")[0].GetProperty("version").GetString().ShouldBe("2026-02");
        dataset.GetProperty("terms")[0].GetProperty("url").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var fields = dataset.GetProperty("form").GetProperty("fields").EnumerateArray().ToList();
        fields.Select(f => f.GetProperty("id").GetString()).ShouldBe(["project-summary", "funding"]);
        fields.Select(f => f.GetProperty("required").GetBoolean()).ShouldBe([true, false]);
        dataset.GetProperty("disease").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var history = await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"datasets-{id}");
        history.Events.Select(e => e.Type).ShouldBe(["dataset-defined"]);
        history.Events[0].Data.Replace(" ", "", StringComparison.Ordinal).ShouldContain("\"actorId\":\"admin\"");

        var (again, refused) = await admin.Submit("/admin/datasets/new", "dataset", NewDataset(id, title: "Another panel"));
        again.ShouldBe(HttpStatusCode.Conflict);
        UiForms.Text(refused).ShouldContain($"The dataset '{id}' exists already");
        (await Service.CreateClient().Get($"/api/datasets/{id}")).GetProperty("title").GetString().ShouldBe("Pharmacogenomics panel");
    }

    [Fact]
    public async Task an_admin_edits_a_dataset_removing_a_question_and_the_change_is_a_new_event()
    {
        var admin = await Service.ClientFor("admin");
        var id = UniqueId("edit");
        (await admin.Submit("/admin/datasets/new", "dataset", NewDataset(id))).Status.ShouldBe(HttpStatusCode.OK);

        var (_, form) = await admin.Page($"/admin/datasets/{id}/edit");
        UiForms.Heading(form).ShouldBe($"Edit the dataset {id}");
        form.ShouldContain("value=\"Pharmacogenomics panel\"");
        form.ShouldContain("name=\"form.fields[1].remove\"");

        List<(string, string)> changed = [.. NewDataset(id, title: "Pharmacogenomics panel v2").Where(f => f.Item1 != "id"), ("form.fields[1].remove", "true"), ("id", "other-id")];
        var (status, html) = await admin.Submit($"/admin/datasets/{id}/edit", "dataset", changed.ToArray());
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain($"The dataset {id} is saved.");

        var dataset = await Service.CreateClient().Get($"/api/datasets/{id}");
        dataset.GetProperty("title").GetString().ShouldBe("Pharmacogenomics panel v2");
        dataset.GetProperty("form").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ShouldBe(["project-summary"]);
        await Service.CreateClient().GetAsync("/api/datasets/other-id").Problem(HttpStatusCode.NotFound);
        (await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"datasets-{id}")).Events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_bad_dataset_form_shows_each_fields_error_beside_it_keeps_what_was_typed_and_writes_nothing()
    {
        var admin = await Service.ClientFor("admin");
        var id = UniqueId("bad");
        (string, string)[] bad =
        [
            .. NewDataset(id, title: "").Where(f => f.Item1 is not ("terms[0].url" or "dacId")),
            ("terms[0].url", "https://example.org/terms"), ("dacId", "no-such-dac"),
        ];

        var (status, html) = await admin.Submit("/admin/datasets/new", "dataset", bad);
        status.ShouldBe(HttpStatusCode.BadRequest);
        UiForms.Heading(html).ShouldBe("Add a dataset");
        html.ShouldContain("There is a problem");
        FieldError(html, "title").ShouldNotBeNull();
        FieldError(html, "terms[0].text").ShouldBe("Give either the text or a URL of the terms, not both.");
        html.ShouldContain("href=\"#f-terms-0--text\"");
        html.ShouldContain("id=\"f-title\" name=\"title\" value=\"\" aria-describedby=\"f-title-error\" aria-invalid=\"true\"");
        html.ShouldContain(">Genotypes of pharmacogenes.</textarea>");
        html.ShouldContain($"value=\"{id}\"");
        await Service.CreateClient().GetAsync($"/api/datasets/{id}").Problem(HttpStatusCode.NotFound);
        (await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"datasets-{id}")).Events.ShouldBeEmpty();

        // With the fields right, the reference to a DAC that does not exist is refused by the same check as the API's.
        var (status2, html2) = await admin.Submit("/admin/datasets/new", "dataset",
            [.. NewDataset(id).Where(f => f.Item1 != "dacId"), ("dacId", "no-such-dac")], "da");
        status2.ShouldBe(HttpStatusCode.BadRequest);
        UiForms.Text(html2).ShouldContain("Der er et problem");
        FieldError(html2, "dacId").ShouldBe("There is no DAC 'no-such-dac'.");
        await Service.CreateClient().GetAsync($"/api/datasets/{id}").Problem(HttpStatusCode.NotFound);

        var (_, danish) = await admin.Submit("/admin/datasets/new", "dataset", NewDataset("Bad Id"), "da");
        FieldError(danish, "id").ShouldBe("Brug 1-63 små bogstaver, tal og bindestreger, og start med et bogstav eller et tal.");
    }

    [Fact]
    public async Task adding_a_row_shows_another_empty_row_and_saves_nothing()
    {
        var admin = await Service.ClientFor("admin");
        var id = UniqueId("rows");
        (string, string)[] typed = [.. NewDataset(id).Where(f => !f.Item1.StartsWith("form.fields[2]", StringComparison.Ordinal)), ("form.fields[2].id", "ethics-ref"), ("form.fields[2].label", "Ethics reference"), ("form.fields[2].type", "text"), ("add", "field")];

        var (status, html) = await admin.Submit("/admin/datasets/new", "dataset", typed);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("value=\"Ethics reference\"");
        html.ShouldContain("name=\"form.fields[3].id\"");
        html.ShouldNotContain("name=\"form.fields[4].id\"");
        await Service.CreateClient().GetAsync($"/api/datasets/{id}").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_admin_sets_up_a_dac_changes_its_members_and_a_second_chair_is_refused()
    {
        var admin = await Service.ClientFor("admin");
        var id = UniqueId("dac");
        var (status, html) = await admin.Submit("/admin/dacs/new", "dac",
            ("id", id), ("name", "Biobank committee"), ("description", "Decides on the biobank's samples."),
            ("members[0].userId", "dac-chair"), ("members[0].role", "chair"),
            ("members[1].userId", "dac-member-1"), ("members[1].role", "member"),
            ("members[2].userId", ""), ("members[2].role", "member"));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain($"The DAC {id} is saved.");
        var dac = await Service.CreateClient().Get($"/api/dacs/{id}");
        dac.GetProperty("description").GetString().ShouldBe("Decides on the biobank's samples.");
        Members(dac).ShouldBe(["dac-chair:chair", "dac-member-1:member"]);

        (status, html) = await admin.Submit($"/admin/dacs/{id}/edit", "dac",
            ("name", "Biobank committee"), ("description", ""),
            ("members[0].userId", "dac-chair"), ("members[0].role", "chair"),
            ("members[1].userId", "dac-member-1"), ("members[1].role", "member"), ("members[1].remove", "true"),
            ("members[2].userId", "dac-member-2"), ("members[2].role", "member"));
        status.ShouldBe(HttpStatusCode.OK, html);
        dac = await Service.CreateClient().Get($"/api/dacs/{id}");
        Members(dac).ShouldBe(["dac-chair:chair", "dac-member-2:member"]);
        dac.GetProperty("description").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        (status, html) = await admin.Submit($"/admin/dacs/{id}/edit", "dac",
            ("name", "Biobank committee"),
            ("members[0].userId", "dac-chair"), ("members[0].role", "chair"),
            ("members[1].userId", "dac-member-2"), ("members[1].role", "chair"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        FieldError(html, "members").ShouldBe("A DAC has exactly one chair.");
        html.ShouldContain("value=\"dac-member-2\"");
        Members(await Service.CreateClient().Get($"/api/dacs/{id}")).ShouldBe(["dac-chair:chair", "dac-member-2:member"]);
        (await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync($"dacs-{id}")).Events.Count.ShouldBe(2);

        var (_, danish) = await admin.Page("/admin/dacs", "da");
        UiForms.Heading(UiForms.Text(danish)).ShouldBe("Dataadgangskomitéer");
        danish.ShouldContain($"href=\"/admin/dacs/{id}/edit\"");
    }

    [Fact]
    public async Task an_admin_gives_and_takes_a_role_and_a_wrong_role_is_refused()
    {
        var admin = await Service.ClientFor("admin");
        var (status, html) = await admin.Submit("/admin/roles", "grant", ("userId", " other-researcher "), ("role", "auditor"));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("other-researcher now has the role Auditor.");
        html.ShouldContain("value=\"auditor/other-researcher\"");
        (await admin.Get("/api/roles")).EnumerateArray()
            .ShouldContain(r => r.GetProperty("userId").GetString() == "other-researcher" && r.GetProperty("role").GetString() == "auditor");

        (status, html) = await admin.Submit("/admin/roles", "grant", ("userId", "other-researcher"), ("role", "janitor"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        FieldError(html, "role").ShouldNotBeNull().ShouldStartWith("The role is one of:");
        (status, html) = await admin.Submit("/admin/roles", "grant", ("userId", ""), ("role", "steward"));
        status.ShouldBe(HttpStatusCode.BadRequest);
        FieldError(html, "userId").ShouldNotBeNull();

        (status, html) = await admin.Submit("/admin/roles", "remove", [("remove", "auditor/other-researcher")], "da");
        status.ShouldBe(HttpStatusCode.OK, html);
        UiForms.Text(html).ShouldContain("other-researcher har ikke længere rollen Revisor.");
        (await admin.Get("/api/roles")).EnumerateArray().ShouldNotContain(r => r.GetProperty("userId").GetString() == "other-researcher");
        var history = await Service.Services.GetRequiredService<IEventStore>().ReadStreamAsync("roles-other-researcher");
        history.Events.Select(e => e.Type).ShouldBe(["roles-defined", "roles-defined"]);
    }

    [Fact]
    public async Task the_workflows_are_listed_and_ngc_controlled_access_is_drawn_step_by_step_in_order()
    {
        var admin = await Service.ClientFor("admin");
        var (_, list) = await admin.Page("/admin/workflows");
        foreach (var workflow in new[] { "ngc-controlled-access", "registered-access", "ehds-data-permit" })
        {
            list.ShouldContain($"href=\"/admin/workflows/{workflow}/1\"");
        }

        var (status, html) = await admin.Page("/admin/workflows/ngc-controlled-access/1");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Controlled access to NGC genome data");
        StepOrder().Matches(html).Select(m => m.Groups[1].Value).ShouldBe(["ethics", "affiliation", "purpose", "terms", "dac", "decision"]);
        var text = UiForms.Text(html);
        text.ShouldContain("Stage 2");
        text.ShouldContain("Only for datasets with IRB (DUO:0000021)");
        text.ShouldContain("Approving votes required: 2.");
        text.ShouldContain("<dd>ethics, affiliation, purpose</dd>");
        text.ShouldContain("The deciders are reminded 14 days before the deadline.");
        html.ShouldNotContain("name=\"_handler\"", customMessage: "the workflows are read-only");

        var (_, danish) = await admin.Page("/admin/workflows/ngc-controlled-access/1", "da");
        UiForms.Heading(UiForms.Text(danish)).ShouldBe("Kontrolleret adgang til NGC genomdata");
        UiForms.Text(danish).ShouldContain("Nødvendige stemmer for godkendelse: 2.");
        (await admin.Page("/admin/workflows/ngc-controlled-access/9")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<string> Members(System.Text.Json.JsonElement dac) =>
        [.. dac.GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("userId").GetString()}:{m.GetProperty("role").GetString()}")];

    /// <summary>The message shown under the field named <paramref name="field"/>, or null when there is none.</summary>
    private static string? FieldError(string html, string field)
    {
        var id = "f-" + string.Concat(field.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + "-error";
        var match = Regex.Match(html, $"<p class=\"field-error\" id=\"{Regex.Escape(id)}\"><span>(.*?)</span>");
        return match.Success ? UiForms.Text(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("data-step=\"([a-z0-9-]+)\"")]
    private static partial Regex StepOrder();
}

public sealed class AdminPagesOnSqlite(SqliteServiceFixture fixture) : AdminPages(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class AdminPagesOnPostgres(PostgresServiceFixture fixture) : AdminPages(fixture), IClassFixture<PostgresServiceFixture>;
