using System.Net;
using System.Text;
using AccessRequests.Reliability.Tests.Concurrency;
using AccessRequests.Web.Tests;
using Xunit.Abstractions;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>
/// Issue 8, item 6, for uploads: names that try to leave the attachments folder or carry control characters, files
/// that are not what their name says (an HTML or ZIP "PDF" approval letter), empty and oversize files. Each gets its 4xx
/// as problem details, records no event and leaves no file anywhere in the data folder; then a real PDF is accepted.
/// </summary>
public abstract class HostileAttachments(ServiceFixture fixture, ITestOutputHelper output)
{
    private const long MaxBytes = 20 * 1024 * 1024;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private ServiceFactory Service => fixture.Service;

    private sealed record Case(string Name, Func<HttpContent> Content, HttpStatusCode Expected);

    private static IEnumerable<Case> Cases()
    {
        foreach (var name in new[]
        {
            "../../evil.pdf", "..\\..\\evil.pdf", "../../../../tmp/evil.pdf", "/etc/evil.pdf", "C:\\Windows\\evil.pdf", "..", "letter\0.pdf",
            "letter.pdf\0.html", "ap\u0007proval\u001b[2J.pdf", "\u202Efdp.exe", new string('a', 10_000) + ".pdf",
        })
        {
            yield return new($"name {Printable(name)}", () => Multipart(name, Pdf), HttpStatusCode.BadRequest);
        }
        var html = "<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"u8.ToArray();
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00 }.Concat(new byte[256]).ToArray();
        yield return new("an HTML page named letter.pdf", () => Multipart("letter.pdf", html), HttpStatusCode.BadRequest);
        yield return new("a ZIP archive named letter.pdf", () => Multipart("letter.pdf", zip), HttpStatusCode.BadRequest);
        yield return new("a PDF named letter.html", () => Multipart("letter.html", Pdf), HttpStatusCode.BadRequest);
        yield return new("an empty file", () => Multipart("letter.pdf", []), HttpStatusCode.BadRequest);
        yield return new("the file in another field", () => Multipart("letter.pdf", Pdf, field: "letter"), HttpStatusCode.BadRequest);
        yield return new("JSON instead of a form", () => new StringContent("{\"file\":\"JVBERi0=\"}", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest);
        yield return new("a PDF one byte over 20 MiB", () => Multipart("letter.pdf", Big(MaxBytes + 1)), HttpStatusCode.RequestEntityTooLarge);
        yield return new("a 25 MiB PDF, chunked (no Content-Length)", () => Multipart("letter.pdf", Big(25 * 1024 * 1024), chunked: true),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task hostile_uploads_get_4xx_problem_details_and_leave_no_event_and_no_file()
    {
        var researcher = await Service.ClientFor("researcher");
        var id = await researcher.CreateApplication(Api.Wgs);
        var events = await Written.Count(Service);
        var files = Files();
        var seen = new List<int>();

        foreach (var c in Cases())
        {
            var answer = await researcher.PostAsync($"/api/applications/{id}/attachments", c.Content());
            var text = await answer.Content.ReadAsStringAsync();
            var what = $"{c.Name}: {(int)answer.StatusCode} {text[..Math.Min(text.Length, 300)]}";
            seen.Add((int)answer.StatusCode);
            answer.StatusCode.ShouldBe(c.Expected, what);
            answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", what);
            if (c.Expected == HttpStatusCode.BadRequest)
            {
                (await answer.Json()).ErrorFields().ShouldBe(["file"], what);
            }
            (await Written.Count(Service)).ShouldBe(events, $"no event: {what}");
            Files().ShouldBe(files, $"no file: {what}");
        }

        var accepted = await researcher.PostAsync($"/api/applications/{id}/attachments", Multipart("approval letter.pdf", Pdf));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        (await Written.Count(Service)).ShouldBe(events + 1, "a real PDF is recorded: the uploads above could have been");
        Files().Except(files).ShouldAllBe(f => f.StartsWith("attachments/", StringComparison.Ordinal));
        Counts.Write(output, $"hostile-attachments on {GetType().Name}: {seen.Count} uploads, "
            + string.Join(", ", seen.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));
    }

    /// <summary>Every file under the data folder (relative paths), and any that an upload could have put just outside it.</summary>
    private List<string> Files()
    {
        var root = Service.DataDirectory;
        var parent = Path.GetDirectoryName(root)!;
        return [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).Contains("-journal", StringComparison.Ordinal) && !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Concat(Directory.GetFiles(parent, "evil*").Select(f => "../" + Path.GetFileName(f)))
                .Order(StringComparer.Ordinal)];
    }

    private static string Printable(string name) =>
        name.Length > 40 ? $"of {name.Length} characters" : string.Concat(name.Select(c => char.IsControl(c) || c > 0x7e ? $"\\u{(int)c:x4}" : c.ToString()));

    private static byte[] Big(long size)
    {
        var bytes = new byte[size];
        Pdf.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>
    /// multipart/form-data written out byte by byte, so the file name reaches the server exactly as a hostile client
    /// sends it (HttpClient's own header types refuse NUL and rewrite other characters).
    /// </summary>
    private static HttpContent Multipart(string fileName, byte[] file, string field = "file", bool chunked = false)
    {
        const string boundary = "hostile-boundary-7d2a";
        var head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\nContent-Type: application/pdf\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var body = new byte[head.Length + file.Length + tail.Length];
        head.CopyTo(body, 0);
        file.CopyTo(body, head.Length);
        tail.CopyTo(body, head.Length + file.Length);
        HttpContent content = chunked ? new StreamContent(new NoLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

public sealed class HostileAttachmentsOnPostgres(PostgresServiceFixture fixture, ITestOutputHelper output)
    : HostileAttachments(fixture, output), IClassFixture<PostgresServiceFixture>;

public sealed class HostileAttachmentsOnSqlite(SqliteServiceFixture fixture, ITestOutputHelper output)
    : HostileAttachments(fixture, output), IClassFixture<SqliteServiceFixture>;
