using System.Text;
using AccessRequests.Testing;
using Microsoft.Playwright;

namespace AccessRequests.EndToEnd;

/// <summary>
/// The whole journey a newcomer takes in the browser, switching demo users in the header: the researcher applies, the
/// steward checks, two DAC members vote, the chair approves, the researcher sees the grant. Selectors are forms' names
/// and fields' names, so the same journey runs in English and in Danish.
/// </summary>
public sealed class Journey(JourneyService service, IPage page, string language)
{
    private const string Dataset = "ngc-gdb-wgs";

    public Guid ApplicationId { get; private set; }

    private string Url(string path) => service.BaseUrl + path;

    /// <summary>The form a page posts under a name (Blazor's hidden _handler field).</summary>
    private ILocator Form(string name) => page.Locator($"form:has(input[name='_handler'][value='{name}'])");

    private Task Shot(string name) => Chromium.ScreenshotAsync(page, $"{language}-{name}");

    public async Task ResearcherAppliesAsync()
    {
        await Demo.Step(page, "open the catalogue and sign in as the researcher", async () =>
        {
            await page.GotoAsync(Url("/"));
            await Demo.SwitchToAsync(page, "researcher");
            (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe(language);
            await Shot("catalogue");
        });
        await Demo.Step(page, "apply for the whole-genome dataset", async () =>
        {
            await page.Locator($"#select-{Dataset}").CheckAsync();
            await Form("apply").Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/applications/", StringComparison.Ordinal));
            ApplicationId = Guid.Parse(new Uri(page.Url).Segments[^1].Trim('/'));
            await Shot("application-draft");
        });
        await Demo.Step(page, "submitting an empty draft is refused with the reasons, focused", async () =>
        {
            await Form("submit").Locator("button[type=submit]").ClickAsync();
            var summary = page.Locator("[data-error-summary]");
            await summary.WaitForAsync();
            // app.js focuses it once the document is loaded.
            await page.WaitForFunctionAsync("() => document.activeElement?.hasAttribute('data-error-summary') === true");
            (await summary.InnerTextAsync()).Length.ShouldBeGreaterThan(10);
            await Shot("submit-refused");
        });
        await Demo.Step(page, "fill in and save the draft", async () =>
        {
            var draft = Form("draft");
            await draft.Locator("[name=title]").FillAsync("Rare variants in Danish epilepsy patients");
            await draft.Locator("[name='answers.project-summary']").FillAsync("We look for rare variants in children with epilepsy.");
            await draft.Locator("[name='answers.data-handling']").FillAsync("Analysed on the national HPC only; results aggregated.");
            await draft.Locator("input[name='researchPurpose.duoCodes'][value='DUO:0000006']").CheckAsync();
            await draft.Locator("[name='researchPurpose.disease']").FillAsync("epilepsy");
            await draft.Locator("[name='researchPurpose.description']").FillAsync("Rare-variant burden study.");
            await draft.Locator("button[type=submit]").ClickAsync();
            await page.Locator("[data-error-summary]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            (await Form("draft").Locator("[name=title]").InputValueAsync()).ShouldBe("Rare variants in Danish epilepsy patients");
        });
        await Demo.Step(page, "a case number in the wrong form is refused at the field", async () =>
        {
            await FillEthicsAsync("12345");
            var error = page.Locator("#f-caseNumber-error");
            await error.WaitForAsync();
            (await page.Locator("#f-caseNumber").GetAttributeAsync("aria-invalid")).ShouldBe("true");
            await Shot("field-error");
        });
        await Demo.Step(page, "add the ethics approval with its letter", async () =>
        {
            await FillEthicsAsync("H-21012345");
            await page.Locator("#ethics a[href^='/api/attachments/']").WaitForAsync();
        });
        await Demo.Step(page, "accept the terms and submit", async () =>
        {
            await Form("terms").Locator("input[name=accept]").CheckAsync();
            await Form("terms").Locator("button[type=submit]").ClickAsync();
            await Form("submit").Locator("button[type=submit]").ClickAsync();
            await page.Locator(".status-submitted").First.WaitForAsync();
            (await page.Locator("ol.steps").CountAsync()).ShouldBeGreaterThan(0);
            await Shot("application-submitted");
        });
    }

    private async Task FillEthicsAsync(string caseNumber)
    {
        var ethics = Form("ethics");
        await ethics.Locator("[name=committee]").SelectOptionAsync("region-h");
        await ethics.Locator("[name=caseNumber]").FillAsync(caseNumber);
        await ethics.Locator("[name=validFrom]").FillAsync(DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd"));
        await ethics.Locator("[name=validUntil]").FillAsync(DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd"));
        await ethics.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "approval-letter.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await ethics.Locator("button[type=submit]").ClickAsync();
    }

    public async Task StewardVerifiesAsync()
    {
        await Demo.Step(page, "the steward finds the application in the inbox", async () =>
        {
            await Demo.SwitchToAsync(page, "steward");
            await page.GotoAsync(Url("/inbox"));
            await Shot("steward-inbox");
            await page.Locator($"a[href='/review/{ApplicationId}']").First.ClickAsync();
            await page.WaitForURLAsync(Url($"/review/{ApplicationId}"));
            await Shot("steward-review");
        });
        await Demo.Step(page, "the steward verifies the ethics approval", async () =>
        {
            await Form("verify-ethics").Locator("button[type=submit]").ClickAsync();
            await Form("verify-ethics").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        });
    }

    public async Task MembersVoteAsync()
    {
        foreach (var member in new[] { "dac-member-1", "dac-member-2" })
        {
            await Demo.Step(page, $"{member} votes to approve", async () =>
            {
                await Demo.SwitchToAsync(page, member);
                await page.GotoAsync(Url($"/review/{ApplicationId}"));
                var vote = Form("vote-ngc-dac");
                await vote.Locator("input[name=vote][value=approve]").CheckAsync();
                await vote.Locator("[name=comment]").FillAsync($"Sound plan ({member}).");
                await vote.Locator("button[type=submit]").ClickAsync();
                await page.GetByText($"Sound plan ({member}).").First.WaitForAsync();
                if (member == "dac-member-2")
                {
                    // After voting, the other member's vote is shown.
                    await page.GetByText("Sound plan (dac-member-1).").First.WaitForAsync();
                    await Shot("dac-votes");
                }
            });
        }
    }

    public async Task ChairApprovesAsync()
    {
        await Demo.Step(page, "the chair approves with an end date and a condition", async () =>
        {
            await Demo.SwitchToAsync(page, "dac-chair");
            await page.GotoAsync(Url($"/review/{ApplicationId}"));
            var approve = Form("approve-ngc-dac");
            await approve.Locator("[name=validUntil]").FillAsync(DateTime.UtcNow.AddDays(365).ToString("yyyy-MM-dd"));
            await approve.Locator("[name=conditions]").FillAsync("Acknowledge the national genome centre.");
            await Shot("chair-decision");
            await approve.Locator("button[type=submit]").ClickAsync();
            await page.Locator(".status-approved").First.WaitForAsync();
        });
    }

    public async Task ResearcherSeesTheGrantAsync()
    {
        await Demo.Step(page, "the researcher sees the grant", async () =>
        {
            await Demo.SwitchToAsync(page, "researcher");
            await page.GotoAsync(Url("/grants"));
            var row = page.Locator("tr", new() { HasText = Dataset });
            await row.First.WaitForAsync();
            (await row.First.InnerTextAsync()).ShouldContain(DateTime.UtcNow.AddDays(365).Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Shot("my-grants");
        });
        await Demo.Step(page, "the researcher may not open the reviewers' pages", async () =>
        {
            var inbox = await page.GotoAsync(Url("/inbox"));
            inbox!.Status.ShouldBe(403);
            await page.Locator(".refusal").WaitForAsync();
            var review = await page.GotoAsync(Url($"/review/{ApplicationId}"));
            review!.Status.ShouldBe(403);
            await Shot("refused");
        });
    }

    public async Task WholeJourneyAsync()
    {
        await ResearcherAppliesAsync();
        await StewardVerifiesAsync();
        await MembersVoteAsync();
        await ChairApprovesAsync();
        await ResearcherSeesTheGrantAsync();
    }
}

/// <summary>The journey in the embedded default (SQLite, in-memory bus), in English.</summary>
public sealed class EmbeddedJourney(EmbeddedJourneyService fixture) : IClassFixture<EmbeddedJourneyService>
{
    [Fact]
    public async Task a_newcomer_takes_an_application_from_the_catalogue_to_a_grant()
    {
        await using var context = await fixture.Browser.NewContextAsync("en-GB");
        var page = await context.NewPageAsync();
        await new Journey(fixture, page, "en").WholeJourneyAsync();
    }

    [Fact]
    public async Task the_header_switches_language_and_demo_user()
    {
        await using var context = await fixture.Browser.NewContextAsync("en-GB");
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Demo.Step(page, "sign in as the researcher", () => Demo.SwitchToAsync(page, "researcher"));
        await Demo.Step(page, "switch to Danish", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dansk" }).ClickAsync();
            (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("da");
            await page.GetByRole(AriaRole.Link, new() { Name = "Mine ansøgninger" }).ClickAsync();
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Mine ansøgninger");
        });
        await Demo.Step(page, "switch to the steward", () => Demo.SwitchToAsync(page, "steward"));
        (await page.Locator(".who").InnerTextAsync()).ShouldContain("Sofie Steward");
    }
}

/// <summary>What the administrator sees: the catalogue's pages and a workflow drawn as a diagram, read-only.</summary>
public sealed class AdminPages(EmbeddedJourneyService fixture) : IClassFixture<EmbeddedJourneyService>
{
    [Fact]
    public async Task the_admin_sees_the_workflow_as_a_diagram_and_a_researcher_is_refused()
    {
        await using var context = await fixture.Browser.NewContextAsync("en-GB");
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Demo.Step(page, "the admin opens the administration", async () =>
        {
            await Demo.SwitchToAsync(page, "admin");
            await page.Locator("nav a[href='/admin']").ClickAsync();
            await page.Locator("a[href='/admin/workflows']").First.ClickAsync();
            await page.Locator("a[href='/admin/workflows/ngc-controlled-access/1']").First.ClickAsync();
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Controlled access to NGC genome data");
            (await page.Locator("form").CountAsync()).ShouldBe(1); // only the header's demo switch: the diagram is read-only
            await Chromium.ScreenshotAsync(page, "en-admin-workflow");
            await page.GotoAsync(fixture.BaseUrl + "/admin/datasets/ngc-gdb-wgs/edit");
            await Chromium.ScreenshotAsync(page, "en-admin-dataset");
        });
        await Demo.Step(page, "a researcher is refused the administration", async () =>
        {
            await Demo.SwitchToAsync(page, "researcher");
            var answer = await page.GotoAsync(fixture.BaseUrl + "/admin/datasets");
            answer!.Status.ShouldBe(403);
            (await page.Locator("nav a[href='/admin']").CountAsync()).ShouldBe(0);
        });
    }
}

/// <summary>The journey on PostgreSQL and RabbitMQ, in Danish; the grant also reaches a consumer on the broker.</summary>
public sealed class BrokerJourney(BrokerJourneyService fixture) : IClassFixture<BrokerJourneyService>
{
    [Fact]
    public async Task en_ny_bruger_foerer_en_ansoegning_fra_kataloget_til_en_adgang()
    {
        await using var consumer = await IndependentConsumer.BindAsync(fixture.Rabbit, fixture.VirtualHost, "ngc-hpc");
        await using var context = await fixture.Browser.NewContextAsync("da-DK");
        var page = await context.NewPageAsync();
        var journey = new Journey(fixture, page, "da");

        await journey.WholeJourneyAsync();

        await consumer.UntilAsync(m => m.Any(x => x.Type == "AccessGranted"), seconds: 30);
        var granted = consumer.Messages.Where(m => m.Type == "AccessGranted").ToList();
        granted.Count.ShouldBe(1);
        granted[0].Message.GetProperty("userId").GetString().ShouldBe("researcher");
        granted[0].Message.GetProperty("datasetId").GetString().ShouldBe("ngc-gdb-wgs");
    }
}
