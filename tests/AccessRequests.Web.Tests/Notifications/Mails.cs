using AccessRequests.EventStore;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>Outbox mails for the transport tests: one in English, one with every Danish letter where it can go wrong.</summary>
internal static class Mails
{
    public const string From = "AccessRequests <noreply@accessrequests.test>";

    /// <summary>The host of <see cref="From"/>, which the Message-ID carries.</summary>
    public const string FromHost = "accessrequests.test";

    public static OutgoingMail English(string to) => new(
        Guid.CreateVersion7(), to, "Ada Lovelace", "en",
        "Your application awaits review",
        "Dear Ada,\n\nApplication 42 awaits your review:\nhttps://accessrequests.test/applications/42\n",
        "<p>Dear Ada,</p><p>Application 42 <a href=\"https://accessrequests.test/applications/42\">awaits your review</a>.</p>",
        DateTimeOffset.UtcNow);

    /// <summary>Long enough that the subject is folded over several encoded words.</summary>
    public static OutgoingMail Danish(string to) => new(
        Guid.CreateVersion7(), to, "Søren Ærø Åkjær", "da",
        "Din ansøgning om adgang til blodbankens data er godkendt – æøå ÆØÅ, så du kan gå i gang",
        "Kære Søren,\n\nDin ansøgning er godkendt af datakomitéen.\nÆbler, ørreder og ål: æøå ÆØÅ.\n\nHilsen\nÅse\n",
        "<p>Kære Søren,</p><p>Din ansøgning er godkendt af datakomitéen.</p><p>Æbler, ørreder og ål: æøå ÆØÅ.</p>",
        DateTimeOffset.UtcNow);
}
