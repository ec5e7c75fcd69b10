using System.Net;
using System.Text;
using System.Text.Json;
using AccessRequests.Domain.Notifications;
using AccessRequests.EventStore;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// Turns notices into what people read: the notification list's rows (kept as facts, rendered in the reader's language
/// when shown) and e-mails in plain text and HTML with a link to the page where the reader acts.
/// </summary>
public sealed class MailComposer(IOptions<ServiceOptions> options, InvitationTokens invitations)
{
    /// <summary>What a notification row keeps: the page it links to and the facts its words are made of.</summary>
    public sealed record Stored(NoticePage Page, Dictionary<string, string> Facts);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Data(NoticePage page, IReadOnlyDictionary<string, string> facts) =>
        JsonSerializer.Serialize(new Stored(page, new Dictionary<string, string>(facts, StringComparer.Ordinal)), Json);

    public static Stored Read(NotificationRow row) =>
        JsonSerializer.Deserialize<Stored>(row.Data, Json) ?? new Stored(NoticePage.Application, []);

    /// <summary>The path (from the service's root) of the page the notice links to.</summary>
    public string PathOf(NoticePage page, IReadOnlyDictionary<string, string> facts)
    {
        var id = facts.GetValueOrDefault("applicationId", "");
        return page switch
        {
            NoticePage.Review => $"/review/{id}",
            NoticePage.Invitation when Guid.TryParse(facts.GetValueOrDefault("invitationId"), out var invitation) =>
                $"/invitations/{id}?token={Uri.EscapeDataString(invitations.For(invitation))}",
            _ => $"/applications/{id}",
        };
    }

    public string Link(string path) => options.Value.PublicUrl.TrimEnd('/') + path;

    /// <summary>One notice as an e-mail of its own.</summary>
    public OutgoingMail Compose(Guid id, string to, string? toName, string language, string kind, NoticePage page,
        IReadOnlyDictionary<string, string> facts, DateTimeOffset at)
    {
        var lang = MailTexts.LanguageOf(language);
        var words = MailTexts.Render(kind, facts, lang);
        var link = Link(PathOf(page, facts));
        var text = new StringBuilder();
        var html = new StringBuilder();
        Open(html, lang, words.Subject);
        AppendNotice(text, html, words, link);
        Close(text, html, lang, kind != NoticeKinds.Invitation);
        return new OutgoingMail(id, to, toName, lang, Subject(words.Subject), text.ToString(), html.ToString(), at);
    }

    /// <summary>The day's notices of one user in one e-mail (null when there is nothing to tell or nowhere to send it).</summary>
    public OutgoingMail? Digest(Guid id, UserProfile user, IReadOnlyList<NotificationRow> rows, DateTimeOffset at)
    {
        if (rows.Count == 0 || string.IsNullOrWhiteSpace(user.Email))
        {
            return null;
        }
        var lang = MailTexts.LanguageOf(user.Language);
        var subject = lang == "da" ? $"Dagens nyt fra AccessRequests ({rows.Count})" : $"Your daily AccessRequests summary ({rows.Count})";
        var text = new StringBuilder();
        var html = new StringBuilder();
        Open(html, lang, subject);
        foreach (var row in rows.OrderBy(r => r.CreatedAt))
        {
            var stored = Read(row);
            var words = MailTexts.Render(row.Kind, stored.Facts, lang);
            text.Append("## ").Append(words.Subject).Append("\n\n");
            html.Append("<h2 style=\"font-size:1.1em\">").Append(Escape(words.Subject)).Append("</h2>\n");
            AppendNotice(text, html, words, Link(PathOf(stored.Page, stored.Facts)));
            text.Append('\n');
        }
        Close(text, html, lang, preferences: true);
        return new OutgoingMail(id, user.Email!, user.Name, lang, Subject(subject), text.ToString(), html.ToString(), at);
    }

    private static string Subject(string words) => "[AccessRequests] " + words.ReplaceLineEndings(" ");

    private static void Open(StringBuilder html, string lang, string title) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(Escape(title)).Append("</title></head>\n<body style=\"font-family:sans-serif;line-height:1.4\">\n");

    private static void AppendNotice(StringBuilder text, StringBuilder html, MailTexts.Rendered words, string link)
    {
        foreach (var line in words.Lines)
        {
            text.Append(line).Append("\n\n");
            html.Append("<p>").Append(Escape(line).ReplaceLineEndings("<br>\n")).Append("</p>\n");
        }
        text.Append(words.Action).Append(": ").Append(link).Append('\n');
        html.Append("<p><a href=\"").Append(Escape(link)).Append("\">").Append(Escape(words.Action)).Append("</a></p>\n");
    }

    private void Close(StringBuilder text, StringBuilder html, string lang, bool preferences)
    {
        var settings = Link("/notifications");
        var footer = preferences
            ? lang == "da"
                ? "Du får denne e-mail fra AccessRequests. Vælg om du vil have e-mails med det samme eller samlet én gang om dagen:"
                : "This e-mail is from AccessRequests. Choose whether you get e-mails at once or gathered once a day:"
            : lang == "da"
                ? "Du får denne e-mail fra AccessRequests, fordi nogen har inviteret dig."
                : "This e-mail is from AccessRequests because someone invited you.";
        text.Append("\n-- \n").Append(footer);
        html.Append("<hr>\n<p style=\"color:#555;font-size:0.9em\">").Append(Escape(footer));
        if (preferences)
        {
            text.Append(' ').Append(settings);
            html.Append(" <a href=\"").Append(Escape(settings)).Append("\">").Append(Escape(settings)).Append("</a>");
        }
        text.Append('\n');
        html.Append("</p>\n</body></html>\n");
    }

    private static string Escape(string s) => WebUtility.HtmlEncode(s);
}
