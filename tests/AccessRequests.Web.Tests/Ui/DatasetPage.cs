using System.Net;
using AccessRequests.Domain.Duo;
using AccessRequests.Web.Ui;

namespace AccessRequests.Web.Tests.Ui;

public sealed class DatasetPage(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    [Fact]
    public async Task the_page_explains_the_dataset_its_duo_codes_terms_checks_and_form_in_english()
    {
        var (status, html) = await fixture.Service.CreateClient().Page($"/datasets/{Api.Wgs}");
        status.ShouldBe(HttpStatusCode.OK);
        var text = UiForms.Text(html);

        UiForms.Heading(html).ShouldBe("National Genome Database: whole-genome sequences");
        text.ShouldContain("Whole-genome sequences (30x, GRCh38 CRAM and joint-called VCF)");
        text.ShouldContain("<dd>ngc-hpc</dd>");
        text.ShouldContain("<dd>Data Access Committee of the Danish National Genome Center</dd>");
        text.ShouldContain("Controlled access to NGC genome data (version 1)");
        // DUO codes in words, each explained.
        text.ShouldContain("Ethics approval required");
        text.ShouldContain("The project needs approval from a research ethics committee");
        text.ShouldContain("The data may not be used for commercial purposes.");
        // The current terms, with their version.
        text.ShouldContain("ngc-dua, version 2026-01");
        text.ShouldContain("keep them on the national HPC, never try to identify a person");
        // The workflow's checks: those that wait for nothing first, the committee after them.
        var order = new[] { "<h3>Ethics approval</h3>", "<h3>Affiliation with a research institution</h3>", "<h3>Research purpose fits the permitted use</h3>", "<h3>Terms of use accepted</h3>", "<h3>Review by the Data Access Committee</h3>" }
            .Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
        order.ShouldAllBe(i => i >= 0);
        order.ShouldBeInOrder();
        text.ShouldContain("it must still be valid at least 30 days after the check.");
        text.ShouldContain("Needed because the dataset carries “Ethics approval required”.");
        text.ShouldContain("The committee's members vote and the chair decides; approval needs at least 2 approving votes.");
        text.ShouldContain("Starts when these are done: Ethics approval, Affiliation with a research institution, Research purpose fits the permitted use.");
        text.ShouldContain("The decision is due within 90 days of a complete application.");
        text.ShouldContain("Access ends no later than your ethics approval does.");
        // The dataset's own questions.
        text.ShouldContain("<th scope=\"row\">Project summary (lay language)</th>");
        text.ShouldContain("<th scope=\"row\">Funding</th>");
        html.ShouldContain("name=\"_handler\" value=\"apply\"");
        html.ShouldContain("Apply for this dataset");
    }

    [Fact]
    public async Task the_page_reads_in_danish()
    {
        var (status, html) = await fixture.Service.CreateClient().Page($"/datasets/{Api.CancerExomes}", "da");
        status.ShouldBe(HttpStatusCode.OK);
        var text = UiForms.Text(html);
        text.ShouldContain("<h2 id=\"permitted-use\">Tilladt brug</h2>");
        text.ShouldContain("Sygdomsspecifik forskning");
        text.ShouldContain("Data må kun bruges til forskning i den angivne sygdom.");
        text.ShouldContain("Sygdom: cancer.");
        text.ShouldContain("<h3>Etisk godkendelse</h3>");
        text.ShouldContain("Udføres af: Capital Region of Denmark Research Data Committee");
        text.ShouldContain("Afgørelsen skal foreligge senest 90 dage efter, at ansøgningen er komplet.");
        text.ShouldContain("Søg om adgang til dette datasæt");
    }

    [Fact]
    public async Task registered_access_says_there_is_no_committee_and_skips_what_does_not_apply()
    {
        var (_, wgs) = await fixture.Service.CreateClient().Page($"/datasets/{Api.BloodDonorSummary}");
        var text = UiForms.Text(wgs);
        text.ShouldContain("When every check has passed, access is granted without a committee decision.");
        text.ShouldContain("<h3>Affiliation with a research institution</h3>");
        text.ShouldNotContain("<h3>Review by the Data Access Committee</h3>");
        text.ShouldNotContain("<h3>Ethics approval</h3>");
        text.ShouldContain("This dataset asks no questions beyond the standard application.");
    }

    [Fact]
    public async Task an_unknown_dataset_is_a_404_page()
    {
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/datasets/no-such-dataset");
        browser.Headers.Accept.ParseAdd("text/html");
        var answer = await fixture.Service.CreateClient().SendAsync(browser);
        var html = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound, html);
        UiForms.Heading(html).ShouldBe("Not found");
        html.ShouldContain("There is no page at this address.");
        html.ShouldNotContain("name=\"_handler\" value=\"apply\"");
    }

    [Fact]
    public async Task apply_starts_a_draft_for_this_dataset_and_opens_it()
    {
        var researcher = await fixture.Service.NotFollowingRedirects("researcher");
        var before = (await researcher.Get("/api/applications?view=mine")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        var answer = await researcher.Post($"/datasets/{Api.CancerExomes}", "apply");

        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        var created = (await researcher.Get("/api/applications?view=mine")).EnumerateArray()
            .Where(a => !before.Contains(a.GetProperty("id").GetGuid())).ShouldHaveSingleItem();
        created.GetProperty("datasetIds").EnumerateArray().Select(d => d.GetString()).ShouldBe([Api.CancerExomes]);
        UiForms.Target(answer).ShouldBe($"/applications/{created.GetProperty("id").GetGuid()}");

        var anonymous = await fixture.Service.NotFollowingRedirects(null);
        var refused = await anonymous.Post($"/datasets/{Api.CancerExomes}", "apply");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        UiForms.Target(refused).ShouldBe($"/signin?returnUrl=%2Fdatasets%2F{Api.CancerExomes}");
    }

    [Fact]
    public void every_duo_term_the_service_knows_is_explained_in_danish()
    {
        Texts.TranslatedKeys.ShouldContain("No DUO codes given");
        DuoTerms.All.Where(t => !Texts.TranslatedKeys.Contains(t.Explanation)).Select(t => t.Abbreviation).ShouldBeEmpty();
    }
}
