using System.Net;

namespace AccessRequests.Web.Tests;

/// <summary>Applications through their workflows, by API only: checks, votes, decisions, information requests.</summary>
public abstract class ReviewJourney(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    private static object Vote(string vote, string dacId = "ngc-dac") => new { dacId, vote, comment = $"I {vote}." };

    [Fact]
    public async Task ethics_verified_affiliation_automatic_two_votes_and_the_chair_approves()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var member1 = await Service.ClientFor("dac-member-1");
        var member2 = await Service.ClientFor("dac-member-2");
        var chair = await Service.ClientFor("dac-chair");
        var id = await researcher.SubmittedApplication();

        var application = await researcher.Get($"/api/applications/{id}");
        var steps = application.GetProperty("review").GetProperty("workflows")[0].GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("status").GetString());
        steps["affiliation"].ShouldBe("passed");
        steps["ethics"].ShouldBe("open");
        steps["dac"].ShouldBe("waiting");
        application.GetProperty("review").GetProperty("deadline").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(89));

        (await steward.Inbox()).ShouldContain(id);
        (await member1.Inbox()).ShouldNotContain(id);
        await member1.Command(id, "vote", Vote("approve")).Problem(HttpStatusCode.Conflict);

        await steward.Command(id, "assign", new { stepId = "ethics" }).Ok();
        await steward.Command(id, "verify-ethics", new { comment = "Case number checked with the committee." }).Ok();
        (await member1.Inbox()).ShouldContain(id);
        (await steward.Inbox("handled")).ShouldContain(id);
        (await steward.Inbox()).ShouldNotContain(id, "the ethics step the steward took has passed: it waits on the DAC now");

        await member1.Command(id, "vote", Vote("approve")).Ok();
        (await chair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve" }).Problem(HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("decide.not-enough-approvals");
        await member2.Command(id, "vote", Vote("approve")).Ok();
        await member2.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve" }).Problem(HttpStatusCode.Forbidden);
        var validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300));
        await chair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", validUntil, conditions = new[] { "Report publications to the NGC." } }).Ok();

        (await researcher.Status(id)).ShouldBe("approved");
        var decided = (await researcher.Get($"/api/applications/{id}")).GetProperty("review");
        decided.GetProperty("approvedDatasetIds").EnumerateArray().Select(d => d.GetString()).ShouldBe([Api.Wgs]);
        decided.GetProperty("reviews")[0].GetProperty("votes").GetArrayLength().ShouldBe(0, "applicants never see votes");
        decided.GetProperty("reviews")[0].GetProperty("decision").GetProperty("conditions")[0].GetString().ShouldBe("Report publications to the NGC.");
        (await chair.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("reviews")[0].GetProperty("votes").GetArrayLength().ShouldBe(2);

        var applicantHistory = await researcher.EventTypes(id);
        applicantHistory.ShouldNotContain("vote-cast");
        applicantHistory.ShouldNotContain("step-assigned");
        applicantHistory.ShouldContain("check-verified");
        applicantHistory.TakeLast(3).ShouldBe(["dac-decided", "application-decided", "access-granted"]);
        var chairHistory = await chair.EventTypes(id);
        chairHistory.Count(t => t == "vote-cast").ShouldBe(2);
        chairHistory.ShouldContain("step-assigned");
    }

    [Fact]
    public async Task a_rejected_ethics_approval_rejects_the_application_with_the_reason()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication();
        await steward.Command(id, "reject-ethics", new { reason = "" }).Problem(HttpStatusCode.BadRequest);
        await researcher.Command(id, "verify-ethics").Problem(HttpStatusCode.Forbidden);
        await steward.Command(id, "reject-ethics", new { reason = "The approval covers another project." }).Ok();

        (await researcher.Status(id)).ShouldBe("rejected");
        (await researcher.EventTypes(id)).TakeLast(2).ShouldBe(["check-rejected", "application-decided"]);
        var history = (await researcher.Get($"/api/applications/{id}/events")).EnumerateArray().Last();
        history.GetProperty("data").GetProperty("reason").GetString()!.ShouldContain("ethics");
        await steward.Command(id, "verify-ethics").Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_declared_affiliation_is_checked_by_a_steward_and_can_be_rejected()
    {
        var outsider = await Service.ClientFor("other-researcher");
        var steward = await Service.ClientFor("steward");
        var id = await outsider.CreateApplication(Api.Wgs);
        await outsider.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        await outsider.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        await outsider.Command(id, "accept-terms").Ok();
        (await outsider.Command(id, "submit").Problem(HttpStatusCode.Conflict)).GetProperty("rule").GetString().ShouldBe("submit.affiliation-missing");
        (await outsider.Command(id, "declare-affiliation", new { institution = "Hogwarts", position = "Wizard" }).Problem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["institution"]);
        await outsider.Command(id, "declare-affiliation", new { institution = "sdu.dk", position = "Postdoc", supervisorEmail = "pi@sdu.dk" }).Ok();
        await outsider.Command(id, "submit").Ok();

        var affiliation = (await steward.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("affiliation");
        affiliation.GetProperty("institution").GetString().ShouldBe("sdu");
        await steward.Command(id, "verify-ethics").Ok();
        await steward.Command(id, "reject-affiliation", new { reason = "SDU does not know this person." }).Ok();
        (await outsider.Status(id)).ShouldBe("rejected");
    }

    [Fact]
    public async Task the_chair_rejects_with_a_reason_the_applicant_reads()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var chair = await Service.ClientFor("dac-chair");
        var id = await researcher.SubmittedApplication();
        await steward.Command(id, "verify-ethics").Ok();
        (await chair.Command(id, "decide", new { dacId = "ngc-dac", decision = "reject" }).Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["reason"]);
        await chair.Command(id, "decide", new { dacId = "ngc-dac", decision = "reject", reason = "The data cannot answer the question asked." }).Ok();
        (await researcher.Status(id)).ShouldBe("rejected");
        (await researcher.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("reviews")[0]
            .GetProperty("decision").GetProperty("reason").GetString().ShouldBe("The data cannot answer the question asked.");
    }

    [Fact]
    public async Task an_information_request_returns_the_application_and_the_response_reopens_it()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var member = await Service.ClientFor("dac-member-1");
        var id = await researcher.SubmittedApplication();
        var deadline = (await researcher.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("deadline").GetDateTimeOffset();

        await researcher.Command(id, "request-information", new { message = "?" }).Problem(HttpStatusCode.Forbidden);
        await steward.Command(id, "request-information", new { message = "Please attach the approval letter.", stepId = "ethics" }).Ok();
        (await researcher.Status(id)).ShouldBe("returned");
        (await steward.Inbox()).ShouldNotContain(id);
        await steward.Command(id, "verify-ethics").Problem(HttpStatusCode.Conflict);
        await researcher.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        await researcher.Command(id, "respond", new { message = "Attached." }).Ok();
        (await researcher.Status(id)).ShouldBe("submitted");
        var after = (await researcher.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("deadline").GetDateTimeOffset();
        after.ShouldBeGreaterThanOrEqualTo(deadline, "the clock pauses while the application is with the applicant");

        await steward.Command(id, "verify-ethics").Ok();
        await member.Command(id, "request-information", new { message = "Which cohort exactly?" }).Ok();
        (await researcher.Status(id)).ShouldBe("returned");
    }

    [Fact]
    public async Task two_dacs_each_decide_their_own_datasets_and_the_result_is_a_partial_approval()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var ngcChair = await Service.ClientFor("dac-chair");
        var regionChair = await Service.ClientFor("dac-member-1");
        var ngcMember = await Service.ClientFor("dac-member-2");
        var draft = new
        {
            title = "Germline variants in Danish cancer patients",
            answers = new Dictionary<string, object>
            {
                ["project-summary"] = "Germline risk variants in cancer.",
                ["data-handling"] = "On the national HPC only.",
                ["publication-plan"] = "Open-access papers within a year.",
            },
            researchPurpose = new { duoCodes = new[] { "DUO:0000007" }, disease = "cancer", commercial = false, description = "Cancer risk." },
        };
        var id = await researcher.SubmittedApplication(draft, Api.Wgs, Api.CancerExomes);
        var review = (await steward.Get($"/api/applications/{id}")).GetProperty("review");
        review.GetProperty("dacIds").EnumerateArray().Select(d => d.GetString()).ShouldBe(["ngc-dac", "regionh-dac"]);

        await steward.Command(id, "verify-ethics").Ok();
        await steward.Command(id, "verify-purpose", new { comment = "Publication plan given." }).Ok();
        await regionChair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve" }).Problem(HttpStatusCode.Forbidden);
        await ngcChair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve", datasetIds = new[] { Api.CancerExomes } })
            .Problem(HttpStatusCode.Conflict);

        await regionChair.Command(id, "decide", new { dacId = "regionh-dac", decision = "reject", reason = "Tumour exomes are reserved for the regional consortium." }).Ok();
        (await researcher.Status(id)).ShouldBe("submitted", "the other DAC has not decided yet");

        await ngcMember.Command(id, "vote", Vote("approve")).Ok();
        await regionChair.Command(id, "vote", Vote("approve")).Ok();
        await ngcChair.Command(id, "decide", new { dacId = "ngc-dac", decision = "approve" }).Ok();

        (await researcher.Status(id)).ShouldBe("approved");
        (await researcher.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("approvedDatasetIds")
            .EnumerateArray().Select(d => d.GetString()).ShouldBe([Api.Wgs]);
    }

    [Fact]
    public async Task registered_access_is_approved_at_submit()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.BloodDonorSummary);
        await researcher.Command(id, "save-draft", new { title = "Blood donor GWAS look-up", researchPurpose = new { duoCodes = new[] { "DUO:0000042" } } }).Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        (await researcher.Status(id)).ShouldBe("approved");
        (await researcher.EventTypes(id)).ShouldContain("application-decided");
    }

    [Fact]
    public async Task the_workflows_are_listed_and_applications_pin_the_version_they_were_submitted_under()
    {
        var workflows = (await Service.CreateClient().Get("/api/workflows")).EnumerateArray().ToList();
        workflows.Select(w => w.GetProperty("id").GetString()).ShouldBe(["ehds-data-permit", "ngc-controlled-access", "registered-access"]);
        var ngc = workflows.Single(w => w.GetProperty("id").GetString() == "ngc-controlled-access");
        ngc.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("type").GetString()).ShouldContain("dac-review");

        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication();
        var pinned = (await researcher.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("policies")[0];
        pinned.GetProperty("workflowId").GetString().ShouldBe("ngc-controlled-access");
        pinned.GetProperty("workflowVersion").GetInt32().ShouldBe(1);
    }
}

public sealed class ReviewJourneyOnSqlite(SqliteServiceFixture fixture) : ReviewJourney(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class ReviewJourneyOnPostgres(PostgresServiceFixture fixture) : ReviewJourney(fixture), IClassFixture<PostgresServiceFixture>;
