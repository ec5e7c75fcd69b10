using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AccessRequests.Web.Tests.Ui;

/// <summary>
/// The researcher's application page, used through its forms only: the draft filled in section by section, the ethics
/// letter uploaded, the terms accepted and the application submitted; then answering, withdrawing, copying.
/// </summary>
public abstract partial class ApplicationPage(ServiceFixture fixture)
{
    private ServiceFactory Service => fixture.Service;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static string Day(int offset) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(offset)).ToString("yyyy-MM-dd");

    private static (string, string)[] Ethics(string caseNumber = "H-21012345") =>
        [("version", ""), ("committee", "region-h"), ("caseNumber", caseNumber), ("validFrom", Day(-30)), ("validUntil", Day(400))];

    [Fact]
    public async Task a_researcher_fills_in_the_draft_adds_the_ethics_approval_with_its_letter_accepts_the_terms_and_submits()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Page(path);
        status.ShouldBe(HttpStatusCode.OK, html);
        UiForms.Heading(html).ShouldBe("Untitled application");
        html.ShouldContain("Project summary (lay language) (required)");
        html.ShouldContain("Health or medical or biomedical research");
        html.ShouldContain("The data may be used for health, medical or biomedical research");
        html.ShouldContain("will be confirmed from your sign-in (member@ku.dk)", customMessage: "the researcher's sign-in shows KU");
        html.ShouldContain("H-21012345", customMessage: "the committees' case-number examples are shown");

        (status, html) = await researcher.Submit(path, "draft",
            ("title", "Rare variants in epilepsy"),
            ("answers.project-summary", "We look for rare variants."),
            ("answers.data-handling", "On the national HPC only."),
            ("answers.funding", ""),
            ("researchPurpose.duoCodes", "DUO:0000006"),
            ("researchPurpose.duoCodes", "DUO:0000021"),
            ("researchPurpose.disease", "epilepsy"),
            ("researchPurpose.commercial", "false"),
            ("researchPurpose.description", "Burden tests."));
        status.ShouldBe(HttpStatusCode.OK, html);
        UiForms.Heading(html).ShouldBe("Rare variants in epilepsy");
        html.ShouldContain("The draft was saved.");
        html.ShouldContain("We look for rare variants.", customMessage: "the saved answer is in the form again");

        (status, html) = await researcher.SubmitWithFile(path, "ethics", Ethics(), ("file", "approval letter.pdf", Pdf));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("The ethics approval was saved.");
        html.ShouldContain("approval letter.pdf");

        (status, html) = await researcher.Submit(path, "terms", ("accept", "yes"));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("You have accepted these terms of use.");

        (status, html) = await researcher.Submit(path, "submit");
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("The application was submitted.");
        html.ShouldContain("submitted the application.", customMessage: "the timeline shows the submission");
        html.ShouldContain("Data Access Committee review", customMessage: "the progress shows the workflow's steps");
        html.ShouldNotContain("name=\"_handler\" value=\"draft\"", customMessage: "a submitted application is no longer a form");

        var application = await researcher.Get($"/api/applications/{id}");
        application.GetProperty("status").GetString().ShouldBe("submitted");
        application.GetProperty("title").GetString().ShouldBe("Rare variants in epilepsy");
        var answers = application.GetProperty("answers");
        answers.GetProperty("project-summary").GetString().ShouldBe("We look for rare variants.");
        answers.GetProperty("data-handling").GetString().ShouldBe("On the national HPC only.");
        answers.TryGetProperty("funding", out _).ShouldBeFalse("an empty field is no answer");
        var purpose = application.GetProperty("researchPurpose");
        purpose.GetProperty("duoCodes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["DUO:0000006", "DUO:0000021"]);
        purpose.GetProperty("disease").GetString().ShouldBe("epilepsy");
        purpose.GetProperty("commercial").GetBoolean().ShouldBeFalse();
        purpose.GetProperty("description").GetString().ShouldBe("Burden tests.");
        var ethics = application.GetProperty("review").GetProperty("ethics");
        ethics.GetProperty("committee").GetString().ShouldBe("region-h");
        ethics.GetProperty("caseNumber").GetString().ShouldBe("H-21012345");
        ethics.GetProperty("validUntil").GetString().ShouldBe(Day(400));
        var letter = application.GetProperty("attachments").EnumerateArray().Single();
        letter.GetProperty("fileName").GetString().ShouldBe("approval letter.pdf");
        ethics.GetProperty("letterAttachmentId").GetGuid().ShouldBe(letter.GetProperty("id").GetGuid());
        (await researcher.GetByteArrayAsync($"/api/attachments/{letter.GetProperty("id").GetGuid()}")).ShouldBe(Pdf);
        application.GetProperty("acceptedTerms").EnumerateArray().Single().GetProperty("userId").GetString().ShouldBe("researcher");
    }

    [Fact]
    public async Task a_bad_case_number_or_a_letter_that_is_no_pdf_is_shown_at_its_field_and_nothing_is_written()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var path = $"/applications/{id}";
        var files = StoredFiles();

        var (status, html) = await researcher.SubmitWithFile(path, "ethics", Ethics("12345"), ("file", "letter.pdf", Pdf));
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("There is a problem");
        html = UiForms.Text(html);
        html.ShouldContain("<a href=\"#f-caseNumber\">De Videnskabsetiske Komitéer for Region Hovedstaden case numbers look like H-21012345.</a>");
        html.ShouldContain("id=\"f-caseNumber-error\"");
        html.ShouldContain("value=\"12345\"", customMessage: "what the user typed is kept");

        var executable = "\u007fELF\u0002\u0001\u0001"u8.ToArray().Concat(new byte[64]).ToArray();
        (status, html) = await researcher.SubmitWithFile(path, "ethics", Ethics(), ("file", "letter.pdf", executable));
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("<a href=\"#f-file\">Only PDF, PNG and JPEG files can be attached; this file is none of them.</a>");

        (await researcher.EventTypes(id)).ShouldBe(["application-created"]);
        StoredFiles().ShouldBe(files, "no letter of a refused form stays on disk");
    }

    [Fact]
    public async Task an_invitation_without_e_mail_is_refused_and_a_valid_one_gives_a_link_the_co_applicant_accepts()
    {
        var researcher = await Service.ClientFor("researcher");
        var coApplicant = await Service.ClientFor("co-applicant");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft("Shared project")).Ok();
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Submit(path, "invite", ("version", ""), ("name", "Carl Nielsen"), ("email", ""));
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("<a href=\"#f-email\">");
        html.ShouldContain("value=\"Carl Nielsen\"");
        (await researcher.EventTypes(id)).ShouldNotContain("member-invited");

        (status, html) = await researcher.Submit(path, "invite", ("version", ""), ("name", "Carl Nielsen"), ("email", "carl.nielsen@au.dk"));
        status.ShouldBe(HttpStatusCode.OK, html);
        var link = InvitationLink().Match(html);
        link.Success.ShouldBeTrue(html);
        link.Groups[1].Value.ShouldBe(id.ToString());
        var invitation = $"/invitations/{id}?token={link.Groups[2].Value}";

        var (_, wrong) = await coApplicant.Page($"/invitations/{id}?token=not-the-token");
        wrong.ShouldContain("The invitation is not valid");
        wrong.ShouldNotContain("Shared project", customMessage: "a wrong token shows nothing of the application");

        var (shown, page) = await coApplicant.Page(invitation);
        shown.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain("Shared project");
        page.ShouldContain("Rikke Jensen invites you");
        (status, html) = await coApplicant.Submit(invitation, "accept-invitation");
        status.ShouldBe(HttpStatusCode.OK, html);
        UiForms.Heading(html).ShouldBe("Shared project");
        html.ShouldContain("You joined the application.");
        html.ShouldContain("I accept the terms of use", customMessage: "the co-applicant is asked to accept the terms");
        (await researcher.Get($"/api/applications/{id}")).GetProperty("members").EnumerateArray().Single()
            .GetProperty("userId").GetString().ShouldBe("co-applicant");

        (status, html) = await researcher.Submit(path, "remove-member", ("version", ""), ("userId", "co-applicant"));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("The co-applicant was removed.");
        (await researcher.Get($"/api/applications/{id}")).GetProperty("members").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task a_researcher_whose_sign_in_shows_no_danish_institution_declares_one()
    {
        var researcher = await Service.ClientFor("other-researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Page(path);
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Your sign-in does not show a Danish research institution.");

        (status, html) = await researcher.Submit(path, "affiliation", ("version", ""), ("institution", "au"), ("position", ""), ("supervisorEmail", ""));
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("<a href=\"#f-position\">");
        html.ShouldContain("<option value=\"au\" selected>", customMessage: "the institution chosen is kept");
        (await researcher.EventTypes(id)).ShouldBe(["application-created"]);

        (status, html) = await researcher.Submit(path, "affiliation", ("version", ""), ("institution", "au"), ("position", "Postdoc"), ("supervisorEmail", "boss@au.dk"));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Your affiliation was saved.");
        var affiliation = (await researcher.Get($"/api/applications/{id}")).GetProperty("review").GetProperty("affiliation");
        affiliation.GetProperty("institution").GetString().ShouldBe("au");
        affiliation.GetProperty("position").GetString().ShouldBe("Postdoc");
        affiliation.GetProperty("supervisorEmail").GetString().ShouldBe("boss@au.dk");
    }

    [Fact]
    public async Task submitting_too_early_shows_the_domain_refusal_and_leaves_the_draft()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft()).Ok();
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Submit(path, "submit", ("version", ""));
        status.ShouldBe(HttpStatusCode.Conflict, html);
        html.ShouldContain("Everyone on the application must accept the current terms of use first");

        (status, html) = await researcher.Submit(path, "terms");
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("Tick the box to accept the terms of use.");

        await researcher.Submit(path, "terms", ("accept", "yes"));
        (status, html) = await researcher.Submit(path, "submit", ("version", ""));
        status.ShouldBe(HttpStatusCode.Conflict, html);
        html.ShouldContain("needs a research-ethics approval");
        (await researcher.Status(id)).ShouldBe("draft");
    }

    [Fact]
    public async Task another_researcher_may_not_read_the_application_and_an_unknown_one_is_not_found()
    {
        var researcher = await Service.ClientFor("researcher");
        var other = await Service.ClientFor("other-researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        await researcher.Command(id, "save-draft", Api.CompleteDraft("Secret project")).Ok();

        var (status, html) = await other.Page($"/applications/{id}");
        status.ShouldBe(HttpStatusCode.Forbidden);
        UiForms.Heading(html).ShouldBe("Not allowed");
        html.ShouldNotContain("Secret project");
        html.ShouldNotContain("_handler");

        (status, html) = await researcher.Page($"/applications/{Guid.NewGuid()}");
        status.ShouldBe(HttpStatusCode.NotFound);
        UiForms.Heading(html).ShouldBe("Not found");
    }

    [Fact]
    public async Task an_information_request_is_answered_on_the_page_and_a_reviewer_is_pointed_to_the_review_page()
    {
        var researcher = await Service.ClientFor("researcher");
        var steward = await Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication();
        await steward.Command(id, "request-information", new { message = "Which cohort exactly?" }).Ok();
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Page(path);
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Which cohort exactly?");
        html.ShouldContain("name=\"_handler\" value=\"draft\"", customMessage: "a returned application can be changed");

        (status, html) = await researcher.Submit(path, "respond", ("version", ""), ("message", ""));
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("<a href=\"#f-message\">");
        (await researcher.Status(id)).ShouldBe("returned");

        (status, html) = await researcher.Submit(path, "respond", ("version", ""), ("message", "The 2019 epilepsy cohort."));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Your answer was sent.");
        html.ShouldContain("The 2019 epilepsy cohort.", customMessage: "the answer is in the timeline");
        (await researcher.Status(id)).ShouldBe("submitted");
        (await researcher.EventTypes(id)).ShouldContain("applicant-responded");

        var (_, review) = await steward.Page(path);
        review.ShouldContain($"href=\"/review/{id}\"");
        review.ShouldNotContain("name=\"_handler\" value=\"withdraw\"", customMessage: "only the applicant withdraws");
    }

    [Fact]
    public async Task text_no_person_types_is_shown_at_its_field_and_nothing_is_written()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication(Api.CompleteDraft("Escapes"));
        var before = await researcher.EventTypes(id);

        var (status, html) = await researcher.Submit($"/applications/{id}", "comment", ("text", "ok\u0007\u001b[2J"));

        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("<a href=\"#f-text\">");
        (await researcher.EventTypes(id)).ShouldBe(before);
    }

    [Fact]
    public async Task withdrawing_needs_a_confirmation_and_a_withdrawn_application_is_copied_as_a_new_draft()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.SubmittedApplication(Api.CompleteDraft("Old project"));
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Submit(path, "comment", ("text", "The cohort list follows."));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("Your comment was added.");
        html.ShouldContain("The cohort list follows.", customMessage: "the public comment is in the timeline");

        (status, html) = await researcher.Submit(path, "withdraw", ("version", ""), ("reason", "Funding ended."));
        status.ShouldBe(HttpStatusCode.BadRequest, html);
        html.ShouldContain("Tick the box to confirm");
        html.ShouldContain("Funding ended.", customMessage: "the reason typed is kept");
        (await researcher.Status(id)).ShouldBe("submitted");

        (status, html) = await researcher.Submit(path, "withdraw", ("version", ""), ("reason", "Funding ended."), ("confirm", "yes"));
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("The application was withdrawn.");
        (await researcher.Status(id)).ShouldBe("withdrawn");
        (await researcher.EventTypes(id)).ShouldContain("application-withdrawn");

        (status, html) = await researcher.Submit(path, "copy");
        status.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("This is a new draft copied from your earlier application.");
        UiForms.Heading(html).ShouldBe("Old project");
        var copy = (await researcher.Get($"/api/applications/{id}")).GetProperty("copiedTo").EnumerateArray().Single().GetGuid();
        html.ShouldContain($"href=\"/applications/{id}\"", customMessage: "the copy links to its source");
        var draft = await researcher.Get($"/api/applications/{copy}");
        draft.GetProperty("status").GetString().ShouldBe("draft");
        draft.GetProperty("title").GetString().ShouldBe("Old project");
    }

    [Fact]
    public async Task the_page_speaks_danish_including_the_domain_refusals()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var path = $"/applications/{id}";

        var (status, html) = await researcher.Page(path, "da");
        status.ShouldBe(HttpStatusCode.OK, html);
        html = UiForms.Text(html);
        UiForms.Heading(html).ShouldBe("Ansøgning uden titel");
        html.ShouldContain("Gem kladde");
        html.ShouldContain("Sundhedsvidenskabelig, medicinsk eller biomedicinsk forskning");
        html.ShouldContain("Data må bruges til sundhedsvidenskabelig, medicinsk eller biomedicinsk forskning");
        html.ShouldContain("Jeg accepterer brugsvilkårene");
        html.ShouldNotContain("Save draft");

        (status, html) = await researcher.Submit(path, "submit", [("version", "")], "da");
        status.ShouldBe(HttpStatusCode.Conflict, html);
        html = UiForms.Text(html);
        html.ShouldContain("Der er et problem");
        html.ShouldContain("Nogle obligatoriske felter er ikke udfyldt.");
        (await researcher.Status(id)).ShouldBe("draft");
    }

    private int StoredFiles()
    {
        var folder = Path.Combine(Service.DataDirectory, "attachments");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    [GeneratedRegex("/invitations/([0-9a-f-]{36})\\?token=([A-Za-z0-9_%-]+)")]
    private static partial Regex InvitationLink();
}

public sealed class ApplicationPageOnSqlite(SqliteServiceFixture fixture) : ApplicationPage(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class ApplicationPageOnPostgres(PostgresServiceFixture fixture) : ApplicationPage(fixture), IClassFixture<PostgresServiceFixture>;
