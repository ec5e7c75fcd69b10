using System.Net;

namespace AccessRequests.Web.Tests.Ui;

public sealed class MyApplicationsPage(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    [Fact]
    public async Task the_list_shows_the_researchers_applications_in_english_and_danish()
    {
        var researcher = await fixture.Service.ClientFor("co-applicant");
        var id = await researcher.CreateApplication(Api.Wgs);

        var (status, html) = await researcher.Page("/applications");
        status.ShouldBe(HttpStatusCode.OK);
        UiForms.Heading(html).ShouldBe("My applications");
        html.ShouldContain($"href=\"/applications/{id}\"");
        html.ShouldContain("Draft");

        var (_, danish) = await researcher.Page("/applications", "da");
        UiForms.Heading(danish).ShouldBe("Mine ansøgninger");
        danish.ShouldContain("Kladde");
    }

    [Fact]
    public async Task without_sign_in_the_page_sends_the_browser_to_sign_in()
    {
        var anonymous = fixture.Service.CreateClient(new() { AllowAutoRedirect = false });
        var answer = await anonymous.GetAsync("/applications");
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldContain("/signin?ReturnUrl=%2Fapplications");
    }
}
