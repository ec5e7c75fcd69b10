using System.Text;
using System.Text.Json;
using AccessRequests.Domain.Applications;
using AccessRequests.Web.Hosting;
using AccessRequests.Web.Http;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Applications;

/// <summary>
/// Files attached to an application (the ethics approval letter, a protocol): stored under the data folder, then
/// recorded by the add-attachment command; a refused command leaves no file behind.
/// </summary>
public static class Attachments
{
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>What may be attached, recognised by content, not by the name or the declared type.</summary>
    private static readonly (string ContentType, string Extension, byte[] Magic)[] Kinds =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
    ];

    public sealed record Stored(Guid Id, Guid ApplicationId, string Name, string ContentType, long Size);

    public static void MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/applications/{id:guid}/attachments", (Guid id, HttpContext http) =>
                ApplicationEndpoints.AsActor(http, (_, context) => Upload(http, id, context)))
            .RequireAuthorization().DisableAntiforgery().WithTags("Applications");
        app.MapGet("/api/attachments/{id:guid}", (Guid id, HttpContext http) =>
                ApplicationEndpoints.AsActor(http, (actor, _) => Download(http, id, actor)))
            .RequireAuthorization().WithTags("Applications");
    }

    private static string Folder(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.DataPath("attachments");

    private static async Task<IResult> Upload(HttpContext http, Guid applicationId, CommandContext context)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Field("file", "Send the file as multipart/form-data in the field 'file'.");
        }
        if (http.Request.ContentLength > MaxBytes + 64 * 1024)
        {
            return Problems.TooLarge(MaxBytes);
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MaxBytes }, context.Ct);
        }
        catch (InvalidDataException)
        {
            return Problems.TooLarge(MaxBytes);
        }
        if (form.Files.GetFile("file") is { Length: > MaxBytes })
        {
            return Problems.TooLarge(MaxBytes);
        }
        var stored = await StoreAsync(form.Files.GetFile("file"), applicationId, context);
        http.Response.Headers.ETag = $"\"{stored.Version}\"";
        return Results.Created($"/api/attachments/{stored.Attachment.Id}",
            new { id = stored.Attachment.Id, name = stored.Attachment.Name, size = stored.Attachment.Size, contentType = stored.Attachment.ContentType, version = stored.Version });
    }

    /// <summary>
    /// Checks the file (not empty, at most <see cref="MaxBytes"/>, PDF/PNG/JPEG by content and by name), keeps it and
    /// records it on the application with add-attachment; a file refused here or by the command leaves nothing behind.
    /// Used by the API's upload and by the UI's forms. A bad file is a validation error of the field 'file'.
    /// </summary>
    public static async Task<(Stored Attachment, long Version)> StoreAsync(IFormFile? file, Guid applicationId, CommandContext context)
    {
        if (file is null || file.Length == 0)
        {
            throw RequestValidationException.Field("file", "Attach a non-empty file in the field 'file'.");
        }
        if (file.Length > MaxBytes)
        {
            throw RequestValidationException.Field("file", "The file is larger than 20 MiB.");
        }
        if (UnsafeNameProblem(file.FileName) is { } unsafeName)
        {
            throw RequestValidationException.Field("file", unsafeName);
        }
        var name = SafeName(file.FileName);
        var header = new byte[8];
        await using (var head = file.OpenReadStream())
        {
            await head.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, context.Ct);
        }
        var kind = Kinds.FirstOrDefault(k => header.AsSpan().StartsWith(k.Magic));
        if (kind.ContentType is null)
        {
            throw RequestValidationException.Field("file", "Only PDF, PNG and JPEG files can be attached; this file is none of them.");
        }
        if (!string.Equals(Path.GetExtension(name), kind.Extension, StringComparison.OrdinalIgnoreCase)
            && !(kind.Extension == ".jpg" && Path.GetExtension(name).Equals(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            throw RequestValidationException.Field("file", $"The file's content is {kind.ContentType}, but its name ends otherwise.");
        }

        var http = context.Http;
        var attachmentId = Guid.CreateVersion7();
        var folder = Folder(http);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, attachmentId.ToString("N"));
        var stored = new Stored(attachmentId, applicationId, name, kind.ContentType, file.Length);
        try
        {
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, context.Ct);
            }
            await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(stored, JsonSerializerOptions.Web), context.Ct);
            var outcome = await http.RequestServices.GetRequiredService<CommandRunner>().RunAsync(
                applicationId, null, http.TraceIdentifier,
                _ => Task.FromResult<ApplicationCommand>(new ApplicationCommand.AddAttachment(context.Actor, context.Now, attachmentId, name, kind.ContentType, file.Length)),
                context.Ct);
            return (stored, outcome.Version);
        }
        catch
        {
            File.Delete(path);
            File.Delete(path + ".json");
            throw;
        }
    }

    private static async Task<IResult> Download(HttpContext http, Guid attachmentId, Domain.Actor actor)
    {
        var path = Path.Combine(Folder(http), attachmentId.ToString("N"));
        if (!File.Exists(path + ".json"))
        {
            return Problems.NotFound($"Attachment {attachmentId}");
        }
        var stored = JsonSerializer.Deserialize<Stored>(await File.ReadAllTextAsync(path + ".json", http.RequestAborted), JsonSerializerOptions.Web)!;
        var row = await http.RequestServices.GetRequiredService<EventStore.IEventStore>().GetApplicationAsync(stored.ApplicationId, http.RequestAborted);
        if (row is null || !ApplicationView.FromRow(row).CanBeReadBy(actor))
        {
            return Problems.Forbidden("attachment.not-participant", "Only the people on the application and data stewards may read its attachments.");
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(path, stored.ContentType, stored.Name);
    }

    /// <summary>
    /// Why a file name is refused: a path (a browser sends the bare name, so a path is someone trying to leave the
    /// attachments folder), control characters (NUL ends a name in C; ESC rewrites terminals; U+202E reverses it), or
    /// more than 255 characters. A refusal tells the sender what happened, where quietly rewriting the name does not.
    /// </summary>
    private static string? UnsafeNameProblem(string fileName) =>
        fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.Trim() is "." or ".." ? "The file name may not contain a path; send the bare name."
        : fileName.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? "The file name may not contain control or formatting characters."
        : fileName.Length > 255 ? "The file name is longer than 255 characters."
        : null;

    /// <summary>
    /// The name as kept, for a name <see cref="UnsafeNameProblem"/> let through (so no path and no control characters):
    /// without the characters some file systems reserve, without leading dots, at most 200 characters.
    /// </summary>
    private static string SafeName(string fileName)
    {
        var clean = new StringBuilder();
        foreach (var c in fileName.Normalize(NormalizationForm.FormC))
        {
            if (c is not (':' or '*' or '?' or '"' or '<' or '>' or '|'))
            {
                clean.Append(c);
            }
        }
        var result = clean.ToString().Trim().TrimStart('.');
        if (result.Length > 200)
        {
            result = result[..(200 - Path.GetExtension(result).Length)] + Path.GetExtension(result);
        }
        return result.Length == 0 ? "attachment" : result;
    }
}
