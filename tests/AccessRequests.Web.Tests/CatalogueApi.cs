using System.Net;
using System.Net.Http.Json;

namespace AccessRequests.Web.Tests;

public abstract class CatalogueApi(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    private static object NewDataset(string id, string dacId = "ngc-dac", string title = "Pharmacogenomics panel") => new
    {
        id,
        title,
        description = "Genotypes of pharmacogenes.",
        location = "ngc-hpc",
        dacId,
        workflowId = "ngc-controlled-access",
        duoCodes = new[] { "DUO:0000006" },
        terms = new[] { new { id = "pgx-terms", version = "1", text = "Research use only." } },
        form = new { fields = new[] { new { id = "project-summary", label = "Summary", type = "textarea", required = true } } },
    };

    [Fact]
    public async Task anyone_can_browse_the_demo_catalogue()
    {
        var anonymous = Service.CreateClient();
        var datasets = (await anonymous.Get("/api/datasets")).EnumerateArray().ToList();
        datasets.Count.ShouldBeGreaterThanOrEqualTo(4);
        datasets.Select(d => d.GetProperty("location").GetString()).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        datasets.Select(d => d.GetProperty("dacId").GetString()).Distinct().Count().ShouldBeGreaterThanOrEqualTo(2);
        datasets.SelectMany(d => d.GetProperty("duoCodes").EnumerateArray()).Select(c => c.GetString()).ShouldContain("DUO:0000021");

        var wgs = await anonymous.Get($"/api/datasets/{Api.Wgs}");
        wgs.GetProperty("terms")[0].GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        (await anonymous.Get("/api/dacs")).GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
        await anonymous.GetAsync("/api/datasets/no-such-dataset").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_admin_adds_and_changes_a_dataset_and_others_may_not()
    {
        var admin = await Service.ClientFor("admin");
        var researcher = await Service.ClientFor("researcher");
        var id = $"pgx-{Guid.NewGuid():N}"[..20];

        (await researcher.PostAsJsonAsync("/api/datasets", NewDataset(id)).Problem(HttpStatusCode.Forbidden))
            .GetProperty("rule").GetString().ShouldBe("catalogue.admin-only");
        await Service.CreateClient().PostAsJsonAsync("/api/datasets", NewDataset(id)).Problem(HttpStatusCode.Unauthorized);
        await Service.CreateClient().GetAsync($"/api/datasets/{id}").Problem(HttpStatusCode.NotFound);

        (await admin.PostAsJsonAsync("/api/datasets", NewDataset(id))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await admin.PostAsJsonAsync("/api/datasets", NewDataset(id)).Problem(HttpStatusCode.Conflict);
        var changed = NewDataset(id, title: "Pharmacogenomics panel v2");
        (await admin.PutAsJsonAsync($"/api/datasets/{id}", changed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await researcher.Get($"/api/datasets/{id}")).GetProperty("title").GetString().ShouldBe("Pharmacogenomics panel v2");
        await admin.PutAsJsonAsync($"/api/datasets/other-id", changed).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task an_invalid_dataset_is_refused_naming_each_field()
    {
        var admin = await Service.ClientFor("admin");
        var problem = await admin.PostAsJsonAsync("/api/datasets", new
        {
            id = "Bad Id",
            title = "",
            description = "",
            location = "ngc-hpc",
            dacId = "ngc-dac",
            workflowId = "ngc-controlled-access",
            duoCodes = new[] { "GRU" },
            terms = new[] { new { id = "t", version = "1", text = "a", url = "https://example.org" } },
            form = new { fields = new[] { new { id = "f", label = "F", type = "colour", required = false } } },
        }).Problem(HttpStatusCode.BadRequest);
        problem.ErrorFields().Order().ShouldBe(["duoCodes[0]", "form.fields[0].type", "id", "terms[0].text", "title"]);
        await admin.PostAsJsonAsync("/api/datasets", NewDataset("orphan-dataset", dacId: "no-such-dac")).Problem(HttpStatusCode.BadRequest);
        await Service.CreateClient().GetAsync("/api/datasets/orphan-dataset").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_admin_defines_a_dac_with_exactly_one_chair()
    {
        var admin = await Service.ClientFor("admin");
        var id = $"dac-{Guid.NewGuid():N}"[..16];
        (await admin.PostAsJsonAsync("/api/dacs", new { id, name = "Test DAC", members = new[] { new { userId = "a", role = "member" } } })
            .Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["members"]);
        (await admin.PostAsJsonAsync("/api/dacs", new { id, name = "Test DAC", members = new[] { new { userId = "a", role = "chair" }, new { userId = "b", role = "boss" } } })
            .Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["members[1].role"]);
        (await admin.PostAsJsonAsync("/api/dacs", new { id, name = "Test DAC", members = new[] { new { userId = "a", role = "chair" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.Get($"/api/dacs/{id}")).GetProperty("members")[0].GetProperty("role").GetString().ShouldBe("chair");
    }

    [Fact]
    public async Task a_catalogue_change_made_on_another_node_holds_on_this_one_from_its_next_request()
    {
        var researcher = await Service.ClientFor("researcher");
        await researcher.CreateApplication("ngc-gdb-wgs"); // this node now keeps the catalogue in memory
        var id = $"pgx-{Guid.NewGuid():N}"[..20];
        (await researcher.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { id } }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["datasetIds[0]"]);

        await using (var other = fixture.NewInstance())
        {
            var adminThere = await other.ClientFor("admin");
            (await adminThere.PostAsJsonAsync("/api/datasets", NewDataset(id))).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var started = await researcher.CreateApplication(id);
        (await researcher.Get($"/api/applications/{started}")).GetProperty("datasetIds")[0].GetString().ShouldBe(id);
    }
}


public sealed class CatalogueApiOnSqlite(SqliteServiceFixture fixture) : CatalogueApi(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class CatalogueApiOnPostgres(PostgresServiceFixture fixture) : CatalogueApi(fixture), IClassFixture<PostgresServiceFixture>;
