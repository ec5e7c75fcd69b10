using System.Net;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// The review of an application through its page only (the application is brought to submission by API): the steward's
/// checks and questions, the committee's votes, the chair's decision and a revoked access.
/// </summary>
public abstract class ReviewPage(ServiceFixture fixture)
{
    private ServiceFactory Service => fixture.Service;

    [Fact]
    public async Task the_steward_verifies_the_ethics_approval_and_the_declared_affiliation_then_asks_for_information()
    {
        var outsider = await Service.ClientFor("other-researcher");
        var steward = await Service.ClientFor("steward");
        var id = await outsider.SubmittedWithDeclaredAffiliation();
        var path = $"/review/{id}";

        var (_, inbox) = await steward.Read("/inbox");
        ReviewPages.Row(inbox, id).ShouldContain("Danish research institution");

        var (status, html) = await steward.Read(path);
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Review: Epilepsy variants, declared affiliation");
        html.ShouldContain("Case H-21012345, valid");
        html.ShouldContain("Declared by the applicant: sdu, Postdoc.");
        html.ShouldContain("Fits", customMessage: "the DUO match result of the dataset");
        html.ShouldContain("name=\"_handler\" value=\"verify-ethics\"");
        html.ShouldContain("name=\"_handler\" value=\"verify-affiliation\"");
        html.ShouldNotContain("name=\"_handler\" value=\"verify-purpose\"", customMessage: "the purpose fits, so its step is not open");
        html.ShouldNotContain("name=\"_handler\" value=\"vote-ngc-dac\"", customMessage: "stewards do not vote");

        var (verified, after) = await steward.Act(path, "verify-ethics", ("comment", "Case number checked with the committee."));
        verified.ShouldBe(HttpStatusCode.OK, after);
        after.ShouldContain("The check is verified.");
        after.ShouldNotContain("name=\"_handler\" value=\"verify-ethics\"", customMessage: "the ethics step is through");
        after.ShouldContain("Case number checked with the committee.", customMessage: "the history quotes the comment");

        (await steward.Act(path, "verify-affiliation")).Status.ShouldBe(HttpStatusCode.OK);
        var review = (await steward.Get($"/api/applications/{id}")).GetProperty("review");
        review.GetProperty("ethics").GetProperty("status").GetString().ShouldBe("verified");
        review.GetProperty("affiliation").GetProperty("status").GetString().ShouldBe("verified");

        var (asked, returned) = await steward.Act(path, "request-information", ("message", "Which cohort exactly?"), ("stepId", ""));
        asked.ShouldBe(HttpStatusCode.OK, returned);
        returned.ShouldContain("The request went to the applicant.");
        var application = await outsider.Get($"/api/applications/{id}");
        application.Status().ShouldBe("returned");
        application.GetProperty("review").GetProperty("pendingRequest").GetString().ShouldBe("Which cohort exactly?");
    }

    [Fact]
    public async Task rejecting_a_check_needs_a_reason_and_without_one_nothing_is_recorded()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication();
        var before = await steward.EventTypes(id);

        var (status, html) = await steward.Act($"/review/{id}", "reject-ethics", ("reason", "  "));
        status.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("There is a problem");
        html.ShouldContain("href=\"#f-reason\"", customMessage: "the summary links to the reason field");
        html.ShouldContain("id=\"f-reason-error\"");
        html.ShouldContain("aria-invalid=\"true\"");
        (await steward.EventTypes(id)).ShouldBe(before);
        (await researcher.Status(id)).ShouldBe("submitted");

        var (_, danish) = await steward.Act("da", $"/review/{id}", "reject-ethics", ("reason", ""));
        danish.ShouldContain("Der er et problem");
    }

    [Fact]
    public async Task members_vote_seeing_the_others_votes_only_after_their_own_and_the_chair_approves_with_an_end_date_and_a_condition()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var member1 = await Service.ClientFor("dac-member-1");
        var member2 = await Service.ClientFor("dac-member-2");
        var chair = await Service.ClientFor("dac-chair");
        var id = await researcher.SubmittedApplication();
        var path = $"/review/{id}";

        var (_, waiting) = await member1.Read(path);
        waiting.ShouldContain("Voting opens when the earlier steps are through.");
        waiting.ShouldNotContain("name=\"_handler\" value=\"vote-ngc-dac\"");
        (await steward.Act(path, "verify-ethics")).Status.ShouldBe(HttpStatusCode.OK);

        (await member2.Act(path, "vote-ngc-dac", ("vote", "approve"), ("comment", "Sound protocol."))).Status.ShouldBe(HttpStatusCode.OK);
        var (_, blind) = await member1.Read(path);
        blind.ShouldNotContain("data-voter=\"dac-member-2\"");
        blind.ShouldNotContain("Sound protocol.", customMessage: "neither in the votes nor in the history");
        blind.ShouldContain("The other members' votes are shown once you have voted.");

        var (voted, seeing) = await member1.Act(path, "vote-ngc-dac", ("vote", "approve"), ("comment", "Fine by me, publications to be reported."));
        voted.ShouldBe(HttpStatusCode.OK, seeing);
        seeing.ShouldContain("Your vote is recorded.");
        seeing.ShouldContain("data-voter=\"dac-member-2\"");
        seeing.ShouldContain("Sound protocol.");
        seeing.ShouldContain("Fine by me, publications to be reported.");
        seeing.ShouldContain("Change your vote");

        var (_, chairPage) = await chair.Read(path);
        chairPage.ShouldContain("name=\"_handler\" value=\"approve-ngc-dac\"");
        (await member1.Read(path)).Html.ShouldNotContain("name=\"_handler\" value=\"approve-ngc-dac\"", customMessage: "members do not decide");
        var until = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(200));
        var (decided, approved) = await chair.Act(path, "approve-ngc-dac",
            ("datasetIds", Api.Wgs), ("validUntil", until.ToString("yyyy-MM-dd")), ("conditions", "Report publications to the NGC.\r\n\r\n"));
        decided.ShouldBe(HttpStatusCode.OK, approved);
        approved.ShouldContain("The committee's decision is recorded.");

        var application = await researcher.Get($"/api/applications/{id}");
        application.Status().ShouldBe("approved");
        var decision = application.GetProperty("review").GetProperty("reviews")[0].GetProperty("decision");
        decision.GetProperty("validUntil").GetString().ShouldBe(until.ToString("yyyy-MM-dd"));
        decision.GetProperty("conditions").EnumerateArray().Select(c => c.GetString()).ShouldBe(["Report publications to the NGC."]);
        var grants = await steward.Grants(id);
        grants.Count.ShouldBe(1);
        grants[0].GetProperty("status").GetString().ShouldBe("active");
        grants[0].GetProperty("userId").GetString().ShouldBe("researcher");

        // The chair ends the access again, from the same page.
        approved.ShouldContain($"data-grant=\"{grants[0].GetProperty("grantId").GetGuid()}\"");
        var (revoked, afterRevoke) = await chair.Act(path, "revoke",
            ("grantId", grants[0].GetProperty("grantId").GetGuid().ToString()), ("reason", "The project ended early."));
        revoked.ShouldBe(HttpStatusCode.OK, afterRevoke);
        afterRevoke.ShouldContain("The access is revoked.");
        (await steward.Grants(id))[0].GetProperty("status").GetString().ShouldBe("revoked");
        afterRevoke.ShouldNotContain("name=\"_handler\" value=\"revoke\"", customMessage: "no active access is left to revoke");
    }

    [Fact]
    public async Task the_chair_cannot_reject_without_a_reason_and_a_stale_form_is_refused()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var chair = await Service.ClientFor("dac-chair");
        var id = await researcher.SubmittedApplication();
        var path = $"/review/{id}";
        await steward.Command(id, "verify-ethics").Ok();
        var before = await steward.EventTypes(id);

        var (status, html) = await chair.Act(path, "reject-ngc-dac", ("reason", ""));
        status.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("A refusal needs a reason the applicant can read.");
        html.ShouldContain("id=\"f-reason-error\"");
        (await steward.EventTypes(id)).ShouldBe(before);
        (await researcher.Status(id)).ShouldBe("submitted");

        // A domain refusal comes back in words, in the error summary: approving needs two approving votes.
        var (refused, refusal) = await chair.Act(path, "approve-ngc-dac", ("datasetIds", Api.Wgs));
        refused.ShouldBe(HttpStatusCode.Conflict);
        refusal.ShouldContain("Approving needs 2 approving votes; there are 0.");
        var (_, danish) = await chair.Act("da", path, "approve-ngc-dac", ("datasetIds", Api.Wgs));
        danish.ShouldContain("Der er ikke stemmer nok for godkendelse endnu.");

        // The version the page showed guards against a change made meanwhile.
        var (_, page) = await chair.Read(path);
        await steward.Command(id, "comment", new { text = "Meanwhile.", visibility = "internal" }).Ok();
        var (stale, staleHtml) = await chair.Act(path, "reject-ngc-dac", ("version", ReviewPages.Version(page)), ("reason", "Out of scope."));
        stale.ShouldBe(HttpStatusCode.PreconditionFailed);
        staleHtml.ShouldContain("Someone changed the application while you had it open.");
        (await researcher.Status(id)).ShouldBe("submitted");
    }

    [Fact]
    public async Task a_researcher_is_refused_the_review_page_and_cannot_act_on_it()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication();
        var before = await researcher.EventTypes(id);

        var (status, html) = await researcher.Read($"/review/{id}");
        status.ShouldBe(HttpStatusCode.Forbidden);
        UiForms.Heading(html).ShouldBe("Not allowed");
        html.ShouldNotContain("name=\"_handler\"");

        var post = await researcher.PostAsync($"/review/{id}", new FormUrlEncodedContent([KeyValuePair.Create("_handler", "verify-ethics")]));
        post.IsSuccessStatusCode.ShouldBeFalse();
        (await researcher.EventTypes(id)).ShouldBe(before);

        var (_, danish) = await researcher.Read($"/review/{id}", "da");
        UiForms.Heading(danish).ShouldBe("Ikke tilladt");
    }

    [Fact]
    public async Task the_review_page_and_its_forms_read_in_danish()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication();

        var (status, html) = await steward.Read($"/review/{id}", "da");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Behandling: Rare variants in Danish epilepsy patients");
        html.ShouldContain("Godkend den etiske godkendelse");
        html.ShouldContain("Bed ansøgeren om oplysninger");
        html.ShouldContain("Historik");
        html.ShouldNotContain("Verify the ethics approval");

        var (commented, after) = await steward.Act("da", $"/review/{id}", "comment", ("text", "Intern note."), ("visibility", "internal"));
        commented.ShouldBe(HttpStatusCode.OK, after);
        after.ShouldContain("Din kommentar er tilføjet.");
        (await steward.EventTypes(id)).ShouldContain("comment-added");
        (await researcher.EventTypes(id)).ShouldNotContain("comment-added", customMessage: "an internal comment is for reviewers only");
    }
}

public sealed class ReviewPageOnSqlite(SqliteServiceFixture fixture) : ReviewPage(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class ReviewPageOnPostgres(PostgresServiceFixture fixture) : ReviewPage(fixture), IClassFixture<PostgresServiceFixture>;
