using System.Net;

namespace AccessRequests.Web.Tests.Ui;

public sealed class InboxPage(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    [Fact]
    public async Task the_steward_finds_a_submitted_application_with_the_step_waiting_on_them_in_english_and_danish()
    {
        var researcher = await fixture.Service.ClientFor("researcher");
        var steward = await fixture.Service.ClientFor("steward");
        var id = await researcher.SubmittedApplication();

        var (status, html) = await steward.Read("/inbox");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("Inbox");
        html.ShouldContain("href=\"/inbox?view=all\"", customMessage: "stewards have the All tab");
        var row = ReviewPages.Row(html, id);
        row.ShouldContain($"href=\"/review/{id}\"");
        row.ShouldContain("Rare variants in Danish epilepsy patients");
        row.ShouldContain("Rikke Jensen");
        row.ShouldContain(Api.Wgs);
        row.ShouldContain("Submitted");
        row.ShouldContain("Research-ethics approval", customMessage: "the open step that waits on the stewards");
        row.ShouldNotContain("Data Access Committee review", customMessage: "the committee's step waits on the checks");
        row.ShouldNotContain("Overdue");

        var (_, danish) = await steward.Read("/inbox", "da");
        UiForms.Heading(danish).ShouldBe("Indbakke");
        danish.ShouldContain("Skal behandles");
        ReviewPages.Row(danish, id).ShouldContain("Videnskabsetisk godkendelse");
    }

    [Fact]
    public async Task a_committee_member_sees_the_application_once_the_checks_are_through_and_the_steward_finds_it_under_handled()
    {
        var researcher = await fixture.Service.ClientFor("researcher");
        var steward = await fixture.Service.ClientFor("steward");
        var member = await fixture.Service.ClientFor("dac-member-1");
        var id = await researcher.SubmittedApplication();

        var (status, before) = await member.Read("/inbox");
        status.ShouldBe(HttpStatusCode.OK);
        before.ShouldNotContain($"href=\"/review/{id}\"");
        before.ShouldNotContain("href=\"/inbox?view=all\"", customMessage: "only stewards list all applications");

        await steward.Command(id, "verify-ethics").Ok();
        var (_, after) = await member.Read("/inbox");
        ReviewPages.Row(after, id).ShouldContain("Data Access Committee review (ngc-dac)");

        var (_, handled) = await steward.Read("/inbox?view=handled");
        ReviewPages.Row(handled, id).ShouldContain("Nothing", customMessage: "nothing waits on the steward any more");
        var (_, all) = await steward.Read("/inbox?view=all");
        all.ShouldContain($"href=\"/review/{id}\"");
    }

    [Fact]
    public async Task an_application_past_its_deadline_is_called_overdue_and_comes_first()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var service = fixture.NewInstance(clock: clock);
        var researcher = await service.ClientFor("researcher");
        var steward = await service.ClientFor("steward");
        var late = await researcher.SubmittedApplication();
        clock.Advance(TimeSpan.FromDays(50));
        var onTime = await researcher.SubmittedApplication();
        clock.Advance(TimeSpan.FromDays(45));

        var (_, html) = await steward.Read("/inbox");
        ReviewPages.Row(html, late).ShouldContain("Overdue");
        ReviewPages.Row(html, onTime).ShouldNotContain("Overdue");
        html.IndexOf($"data-application=\"{late}\"", StringComparison.Ordinal)
            .ShouldBeLessThan(html.IndexOf($"data-application=\"{onTime}\"", StringComparison.Ordinal));
        var (_, danish) = await steward.Read("/inbox", "da");
        ReviewPages.Row(danish, late).ShouldContain("Fristen er overskredet");
    }

    [Fact]
    public async Task a_researcher_is_refused_the_inbox()
    {
        var researcher = await fixture.Service.ClientFor("researcher");
        var (status, html) = await researcher.Read("/inbox");
        status.ShouldBe(HttpStatusCode.Forbidden);
        UiForms.Heading(html).ShouldBe("Not allowed");
        html.ShouldContain("The inbox is for data stewards and members of a Data Access Committee.");
        html.ShouldNotContain("data-application");
    }
}
