using System.Net;
using System.Net.Http.Headers;

namespace AccessRequests.Web.Tests.Ui;

public sealed class ErrorPages(SqliteServiceFixture fixture) : IClassFixture<SqliteServiceFixture>
{
    [Fact]
    public async Task a_browser_asking_for_an_unknown_page_gets_the_uis_not_found_page_and_the_api_keeps_problem_details()
    {
        var client = fixture.Service.CreateClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        page.Headers.Accept.ParseAdd("text/html");
        page.Headers.AcceptLanguage.ParseAdd("da");
        var answer = await client.SendAsync(page);
        var html = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.NotFound, html);
        UiForms.Heading(html).ShouldBe("Ikke fundet");
        UiForms.Text(html).ShouldContain("Der er ingen side på denne adresse.");

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing");
        api.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var problem = await client.SendAsync(api);
        problem.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
