using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AccessRequests.Web.Tests;

public abstract class AttachmentsApi(ServiceFixture fixture)
{
    protected ServiceFactory Service => fixture.Service;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static Task<HttpResponseMessage> Upload(HttpClient client, Guid id, byte[] bytes, string fileName, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return client.PostAsync($"/api/applications/{id}/attachments", form);
    }

    [Fact]
    public async Task the_applicant_attaches_a_letter_and_only_people_on_the_application_can_read_it()
    {
        var researcher = await Service.ClientFor("researcher");
        var other = await Service.ClientFor("other-researcher");
        var id = await researcher.CreateApplication(Api.Wgs);

        var answer = await Upload(researcher, id, Pdf, "approval letter.pdf");
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        var stored = await answer.Json();
        stored.GetProperty("name").GetString().ShouldBe("approval letter.pdf");
        stored.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        var attachmentId = stored.GetProperty("id").GetGuid();

        var application = await researcher.Get($"/api/applications/{id}");
        application.GetProperty("attachments").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(attachmentId);
        (await researcher.GetByteArrayAsync($"/api/attachments/{attachmentId}")).ShouldBe(Pdf);
        await other.GetAsync($"/api/attachments/{attachmentId}").Problem(HttpStatusCode.Forbidden);
        await other.PostAsync($"/api/applications/{id}/attachments", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "x.pdf" } })
            .Problem(HttpStatusCode.Forbidden);
        (await researcher.EventTypes(id)).ShouldBe(["application-created", "attachment-added"]);
        StoredFiles().ShouldBe(2, "the letter and its description; the refused upload left nothing");
    }

    [Fact]
    public async Task a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_kept()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var filesBefore = StoredFiles();
        var executable = "\u007fELF\u0002\u0001\u0001"u8.ToArray().Concat(new byte[64]).ToArray();

        (await Upload(researcher, id, executable, "letter.pdf").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["file"]);
        (await Upload(researcher, id, Pdf, "letter.exe").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["file"]);
        (await Upload(researcher, id, [], "empty.pdf").Problem(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["file"]);
        (await researcher.EventTypes(id)).ShouldBe(["application-created"]);
        StoredFiles().ShouldBe(filesBefore, "no file of a refused upload stays on disk");
    }

    private int StoredFiles()
    {
        var folder = Path.Combine(Service.DataDirectory, "attachments");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }
}

public sealed class AttachmentsApiOnSqlite(SqliteServiceFixture fixture) : AttachmentsApi(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class AttachmentsApiOnPostgres(PostgresServiceFixture fixture) : AttachmentsApi(fixture), IClassFixture<PostgresServiceFixture>;
