using System.Globalization;
using AccessRequests.Domain.Notifications;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// The words of each notice in English and Danish: a subject, the lines of the message and the label of the link to
/// the page where the reader acts. <c>{fact}</c> is filled from the notice's facts; a line naming a fact the notice
/// does not have is left out (a decision without a reason has no "Reason:" line).
/// </summary>
public static class MailTexts
{
    public sealed record Template(string Subject, string[] Lines, string Action);

    public sealed record Rendered(string Subject, IReadOnlyList<string> Lines, string Action);

    private static readonly Dictionary<string, Template> English = new(StringComparer.Ordinal)
    {
        [NoticeKinds.Submitted] = new("New application to check: {title}",
            ["An application for {datasets} was submitted and waits for the stewards' checks."],
            "Open the review"),
        [NoticeKinds.Resubmitted] = new("The applicant answered: {title}",
            ["The applicant answered the request for information on the application for {datasets}:", "{message}"],
            "Open the review"),
        [NoticeKinds.ReviewOpened] = new("Your review is open: {title}",
            ["{dac} is asked to review the application for {datasets}.", "Please vote by {deadline}."],
            "Open the review"),
        [NoticeKinds.VotesIn] = new("All votes are in: {title}",
            ["Every member of {dac} has voted: {approvals} to approve, {rejections} to refuse, {abstentions} abstaining.", "The decision is yours as chair."],
            "Open the review"),
        [NoticeKinds.InformationRequested] = new("Information requested: {title}",
            ["The reviewers of your application for {datasets} ask for more information:", "{message}", "Answer on the application page; the review waits for you."],
            "Open your application"),
        [NoticeKinds.Decided + ":approved"] = new("Your application is approved: {title}",
            ["Your application was approved for {approved}.", "{reason}", "Your access:", "{grants}"],
            "Open your application"),
        [NoticeKinds.Decided + ":refused"] = new("Your application was not approved: {title}",
            ["Your application for {datasets} was not approved.", "Reason: {reason}"],
            "Open your application"),
        [NoticeKinds.AccessGranted] = new("Access granted: {title}",
            ["You were given access:", "{grants}"],
            "Open your application"),
        [NoticeKinds.AccessRevoked] = new("Access revoked: {title}",
            ["Your access to {datasets} was revoked.", "Reason: {reason}"],
            "Open your application"),
        [NoticeKinds.ApplicationRevoked] = new("Application revoked: {title}",
            ["The application for {datasets} was revoked, and with it every access it gave.", "Reason: {reason}"],
            "Open your application"),
        [NoticeKinds.AccessExpired] = new("Access ended: {title}",
            ["Your access to {datasets} has expired."],
            "Open your application"),
        [NoticeKinds.ExpiryApproaching + ":grant"] = new("Your access ends on {expires}: {title}",
            ["Your access to {datasets} ends on {expires}.", "If you need it longer, ask for a renewal on the application page."],
            "Open your application"),
        [NoticeKinds.ExpiryApproaching + ":ethics-approval"] = new("The ethics approval ends on {expires}: {title}",
            ["The ethics approval of the application for {datasets} expires on {expires}.", "Add the renewed approval to the application to keep your access."],
            "Open your application"),
        [NoticeKinds.Invitation] = new("{inviter} invites you to an application: {title}",
            ["Dear {name},", "{inviter} invites you to join the application '{title}' for {datasets}.", "Sign in through the link to accept. The link is yours: do not pass it on."],
            "Accept the invitation"),
        [NoticeKinds.DeadlineReminder] = new("Reminder, due {deadline}: {title}",
            ["The application for {datasets} waits for you; it is due by {deadline}."],
            "Open the review"),
        [NoticeKinds.DeadlinePassed] = new("Deadline passed: {title}",
            ["The application for {datasets} was due by {deadline} and is still undecided."],
            "Open the review"),
    };

    private static readonly Dictionary<string, Template> Danish = new(StringComparer.Ordinal)
    {
        [NoticeKinds.Submitted] = new("Ny ansøgning til kontrol: {title}",
            ["En ansøgning om {datasets} er indsendt og venter på datastewardernes kontrol."],
            "Åbn behandlingen"),
        [NoticeKinds.Resubmitted] = new("Ansøgeren har svaret: {title}",
            ["Ansøgeren har svaret på anmodningen om oplysninger til ansøgningen om {datasets}:", "{message}"],
            "Åbn behandlingen"),
        [NoticeKinds.ReviewOpened] = new("Din vurdering er åben: {title}",
            ["{dac} skal vurdere ansøgningen om {datasets}.", "Afgiv din stemme senest {deadline}."],
            "Åbn behandlingen"),
        [NoticeKinds.VotesIn] = new("Alle stemmer er afgivet: {title}",
            ["Alle medlemmer af {dac} har stemt: {approvals} for, {rejections} imod, {abstentions} hverken for eller imod.", "Afgørelsen er din som formand."],
            "Åbn behandlingen"),
        [NoticeKinds.InformationRequested] = new("Der er bedt om oplysninger: {title}",
            ["Behandlerne af din ansøgning om {datasets} beder om flere oplysninger:", "{message}", "Svar på ansøgningens side; behandlingen venter på dig."],
            "Åbn din ansøgning"),
        [NoticeKinds.Decided + ":approved"] = new("Din ansøgning er godkendt: {title}",
            ["Din ansøgning er godkendt for {approved}.", "{reason}", "Din adgang:", "{grants}"],
            "Åbn din ansøgning"),
        [NoticeKinds.Decided + ":refused"] = new("Din ansøgning er ikke godkendt: {title}",
            ["Din ansøgning om {datasets} er ikke godkendt.", "Begrundelse: {reason}"],
            "Åbn din ansøgning"),
        [NoticeKinds.AccessGranted] = new("Adgang givet: {title}",
            ["Du har fået adgang:", "{grants}"],
            "Åbn din ansøgning"),
        [NoticeKinds.AccessRevoked] = new("Adgang tilbagekaldt: {title}",
            ["Din adgang til {datasets} er tilbagekaldt.", "Begrundelse: {reason}"],
            "Åbn din ansøgning"),
        [NoticeKinds.ApplicationRevoked] = new("Ansøgning tilbagekaldt: {title}",
            ["Ansøgningen om {datasets} er tilbagekaldt, og med den al adgang, den gav.", "Begrundelse: {reason}"],
            "Åbn din ansøgning"),
        [NoticeKinds.AccessExpired] = new("Adgang udløbet: {title}",
            ["Din adgang til {datasets} er udløbet."],
            "Åbn din ansøgning"),
        [NoticeKinds.ExpiryApproaching + ":grant"] = new("Din adgang udløber den {expires}: {title}",
            ["Din adgang til {datasets} udløber den {expires}.", "Har du brug for den længere, så bed om forlængelse på ansøgningens side."],
            "Åbn din ansøgning"),
        [NoticeKinds.ExpiryApproaching + ":ethics-approval"] = new("Den etiske godkendelse udløber den {expires}: {title}",
            ["Den etiske godkendelse til ansøgningen om {datasets} udløber den {expires}.", "Tilføj den fornyede godkendelse til ansøgningen for at beholde adgangen."],
            "Åbn din ansøgning"),
        [NoticeKinds.Invitation] = new("{inviter} inviterer dig til en ansøgning: {title}",
            ["Kære {name}", "{inviter} inviterer dig til at deltage i ansøgningen '{title}' om {datasets}.", "Log ind via linket for at tage imod. Linket er personligt: send det ikke videre."],
            "Tag imod invitationen"),
        [NoticeKinds.DeadlineReminder] = new("Påmindelse, frist {deadline}: {title}",
            ["Ansøgningen om {datasets} venter på dig; fristen er {deadline}."],
            "Åbn behandlingen"),
        [NoticeKinds.DeadlinePassed] = new("Fristen er overskredet: {title}",
            ["Ansøgningen om {datasets} skulle være afgjort senest {deadline} og er stadig uafgjort."],
            "Åbn behandlingen"),
    };

    /// <summary>Every template key, in both languages (a test checks that each kind has its words).</summary>
    public static IReadOnlyCollection<string> Keys(string language) => TemplatesOf(language).Keys;

    public static string LanguageOf(string? language) => language == "da" ? "da" : "en";

    /// <summary>The notice's words in <paramref name="language"/> (anything but "da" is English).</summary>
    public static Rendered Render(string kind, IReadOnlyDictionary<string, string> facts, string? language)
    {
        var lang = LanguageOf(language);
        var templates = TemplatesOf(lang);
        var key = kind switch
        {
            NoticeKinds.Decided => kind + (facts.ContainsKey("approved") ? ":approved" : ":refused"),
            NoticeKinds.ExpiryApproaching => kind + ":" + facts.GetValueOrDefault("subject", "grant"),
            _ => kind,
        };
        if (!templates.TryGetValue(key, out var template))
        {
            // A kind added to the rules before its words: say at least which application it is about.
            return new(facts.GetValueOrDefault("title", kind), [kind], lang == "da" ? "Åbn" : "Open");
        }
        var values = Values(facts, lang);
        return new(
            Fill(template.Subject, values) ?? template.Subject,
            [.. template.Lines.Select(line => Fill(line, values)).OfType<string>()],
            template.Action);
    }

    private static Dictionary<string, Template> TemplatesOf(string language) => language == "da" ? Danish : English;

    /// <summary>The facts as the reader reads them: days written out in their language, grants one per line.</summary>
    private static Dictionary<string, string> Values(IReadOnlyDictionary<string, string> facts, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language == "da" ? "da-DK" : "en-GB");
        string Day(string iso) => DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString(language == "da" ? "d. MMMM yyyy" : "d MMMM yyyy", culture)
            : iso;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in facts)
        {
            values[key] = key switch
            {
                "deadline" or "expires" => Day(value),
                "grants" => string.Join("\n", value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
                    line.Split('\t') is [var dataset, var until]
                        ? $"- {dataset} ({(language == "da" ? "til og med" : "until")} {Day(until)})"
                        : "- " + line)),
                _ => value,
            };
        }
        if (values.TryGetValue("title", out var title) && title.Length == 0)
        {
            values["title"] = language == "da" ? "(uden titel)" : "(untitled)";
        }
        return values;
    }

    /// <summary>The text with each <c>{fact}</c> filled in, or null when a fact it names is missing or empty.</summary>
    private static string? Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var result = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            result.Append(text, i, open - i);
            if (!values.TryGetValue(text[(open + 1)..close], out var value) || value.Length == 0)
            {
                return null;
            }
            result.Append(value);
            i = close + 1;
        }
        return result.ToString();
    }
}
