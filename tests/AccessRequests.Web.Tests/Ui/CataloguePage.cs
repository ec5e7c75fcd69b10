using System.Net;

namespace AccessRequests.Web.Tests.Ui;

public sealed class CataloguePage(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    private static string CardLink(string datasetId) => $"href=\"/datasets/{datasetId}\"";

    private async Task<List<MyApplication>> Mine(HttpClient client) =>
        [.. (await client.Get("/api/applications?view=mine")).EnumerateArray().Select(a => new MyApplication(
            a.GetProperty("id").GetGuid(), [.. a.GetProperty("datasetIds").EnumerateArray().Select(d => d.GetString()!)]))];

    private sealed record MyApplication(Guid Id, List<string> DatasetIds);

    [Fact]
    public async Task anyone_browses_the_catalogue_with_the_duo_codes_in_words_in_english_and_danish()
    {
        var anonymous = fixture.Service.CreateClient();

        var (status, html) = await anonymous.Page("/");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Dataset catalogue");
        foreach (var id in new[] { Api.Wgs, Api.Phenotypes, Api.CancerExomes, Api.BloodDonorSummary })
        {
            html.ShouldContain(CardLink(id));
            html.ShouldContain($"id=\"select-{id}\" name=\"datasetIds\" value=\"{id}\"");
        }
        html.ShouldContain("Data Access Committee of the Danish National Genome Center");
        html.ShouldContain("Health or medical or biomedical research");
        html.ShouldContain("Non-commercial use only");
        html.ShouldContain("name=\"_handler\" value=\"apply\"");
        html.ShouldContain("You will be asked to sign in first.");

        var (_, danish) = await anonymous.Page("/", "da");
        UiForms.Heading(danish).ShouldBe("Datasætkatalog");
        var text = UiForms.Text(danish);
        text.ShouldContain("Sundhedsvidenskabelig, medicinsk eller biomedicinsk forskning");
        text.ShouldContain("Kun ikke-kommerciel brug");
        text.ShouldContain("Søg om adgang til de valgte datasæt");
    }

    [Theory]
    [InlineData("/?q=genome", new[] { Api.Wgs, Api.Phenotypes, "ngc-allele-frequencies" })]
    [InlineData("/?q=GENOME+phenotypes", new[] { Api.Phenotypes })]
    [InlineData("/?q=regionh-cancer", new[] { Api.CancerExomes })]
    [InlineData("/?location=region-h", new[] { Api.CancerExomes, Api.BloodDonorSummary })]
    [InlineData("/?dac=ngc-dac", new[] { Api.Wgs, Api.Phenotypes, "ngc-allele-frequencies" })]
    [InlineData("/?duo=DUO:0000007", new[] { Api.CancerExomes })]
    [InlineData("/?duo=DUO:0000007&duo=DUO:0000046", new[] { Api.CancerExomes, Api.Wgs })]
    [InlineData("/?location=region-h&duo=DUO:0000042", new[] { Api.BloodDonorSummary })]
    public async Task search_and_filters_narrow_the_list_in_a_shareable_address(string address, string[] expected)
    {
        var (status, html) = await fixture.Service.CreateClient().Page(address);
        status.ShouldBe(HttpStatusCode.OK);
        var all = new[] { Api.Wgs, Api.Phenotypes, "ngc-allele-frequencies", Api.CancerExomes, Api.BloodDonorSummary };
        all.Where(id => html.Contains(CardLink(id))).Order().ShouldBe(expected.Order());
        html.ShouldContain($"{expected.Length} of 5 datasets match.");
        html.ShouldContain("href=\"/\">Clear search and filters</a>");
    }

    [Fact]
    public async Task the_filter_form_shows_the_choices_made()
    {
        var (_, html) = await fixture.Service.CreateClient().Page("/?q=exomes&location=region-h&dac=regionh-dac&duo=DUO:0000021");
        html.ShouldContain("name=\"q\" value=\"exomes\"");
        html.ShouldContain("<option value=\"region-h\" selected>");
        html.ShouldContain("<option value=\"regionh-dac\" selected>");
        html.ShouldContain("name=\"duo\" value=\"DUO:0000021\" checked");
        html.ShouldNotContain("name=\"duo\" value=\"DUO:0000006\" checked");

        var (_, none) = await fixture.Service.CreateClient().Page("/?q=no-such-words-anywhere");
        none.ShouldContain("No datasets match your search.");
        none.ShouldNotContain("name=\"_handler\" value=\"apply\"");
    }

    [Fact]
    public async Task applying_for_the_selected_datasets_starts_one_draft_and_opens_it()
    {
        var researcher = await fixture.Service.NotFollowingRedirects("other-researcher");
        var before = await Mine(researcher);

        var answer = await researcher.Post("/?q=genome", "apply", ("datasetIds", Api.Wgs), ("datasetIds", Api.Phenotypes));

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var created = (await Mine(researcher)).ExceptBy(before.Select(a => a.Id), a => a.Id).ShouldHaveSingleItem();
        created.DatasetIds.Order().ShouldBe([Api.Phenotypes, Api.Wgs]);
        UiForms.Target(answer).ShouldBe($"/applications/{created.Id}");
        (await researcher.Status(created.Id)).ShouldBe("draft");
    }

    [Fact]
    public async Task selecting_nothing_says_so_by_the_list_and_starts_nothing_in_english_and_danish()
    {
        var researcher = await fixture.Service.ClientFor("other-researcher");
        var before = await Mine(researcher);

        var (status, html) = await researcher.Submit("/", "apply");

        status.ShouldBe(HttpStatusCode.BadRequest);
        UiForms.Heading(html).ShouldBe("Dataset catalogue");
        html.ShouldContain("There is a problem");
        html.ShouldContain("You did not select a dataset.");
        html.ShouldContain("<a href=\"#f-datasetIds\">Select at least one dataset, then apply.</a>");
        html.ShouldContain("id=\"f-datasetIds-error\"");
        html.ShouldContain("aria-describedby=\"f-datasetIds-error\"");

        var (danishStatus, danish) = await researcher.Submit("/", "apply", [], "da");
        danishStatus.ShouldBe(HttpStatusCode.BadRequest);
        UiForms.Text(danish).ShouldContain("Du har ikke valgt et datasæt.");
        UiForms.Text(danish).ShouldContain("Vælg mindst ét datasæt, og søg derefter.");

        (await Mine(researcher)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task a_dataset_not_in_the_catalogue_is_refused_and_the_choices_are_kept()
    {
        var researcher = await fixture.Service.ClientFor("other-researcher");
        var before = await Mine(researcher);

        var (status, html) = await researcher.Submit("/", "apply", ("datasetIds", Api.Wgs), ("datasetIds", "no-such-dataset"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("There is no dataset &#x27;no-such-dataset&#x27;.");
        html.ShouldContain($"value=\"{Api.Wgs}\" checked");
        (await Mine(researcher)).Count.ShouldBe(before.Count);
    }

    [Fact]
    public async Task an_anonymous_reader_who_applies_is_sent_to_sign_in_and_back()
    {
        var anonymous = await fixture.Service.NotFollowingRedirects(null);

        var answer = await anonymous.Post("/?q=genome", "apply", ("datasetIds", Api.Wgs));

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        UiForms.Target(answer).ShouldBe("/signin?returnUrl=%2F%3Fq%3Dgenome");
    }

    [Fact]
    public async Task a_provisioning_client_may_browse_but_not_apply()
    {
        var machine = await fixture.Service.ClientFor("provisioning-ngc-hpc");
        var steward = await fixture.Service.ClientFor("steward");
        var before = (await steward.Get("/api/applications?view=all")).GetArrayLength();

        var (status, html) = await machine.Submit("/", "apply", ("datasetIds", Api.Wgs));

        status.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("Provisioning clients read grants and visas; they do not apply.");
        var (_, danish) = await machine.Submit("/", "apply", [("datasetIds", Api.Wgs)], "da");
        UiForms.Text(danish).ShouldContain("de søger ikke om adgang");
        (await steward.Get("/api/applications?view=all")).GetArrayLength().ShouldBe(before);
    }
}
