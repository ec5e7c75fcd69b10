using AccessRequests.Domain.Notifications;
using AccessRequests.Web.Notifications;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>The words of the notices: every kind in both languages, facts filled in, a line without its fact left out.</summary>
public sealed class MailTextsTests
{
    private static readonly Dictionary<string, string> Facts = new()
    {
        ["applicationId"] = Guid.Empty.ToString(),
        ["title"] = "Rare variants",
        ["datasets"] = "ngc-gdb-wgs",
        ["message"] = "Please add the protocol.",
        ["dac"] = "NGC DAC",
        ["deadline"] = "2027-03-01",
        ["approvals"] = "2",
        ["rejections"] = "0",
        ["abstentions"] = "1",
        ["approved"] = "ngc-gdb-wgs",
        ["reason"] = "Fits the consent.",
        ["grants"] = "ngc-gdb-wgs\t2027-12-31",
        ["invitationId"] = Guid.Empty.ToString(),
        ["name"] = "Carl",
        ["inviter"] = "Rikke Jensen",
        ["expires"] = "2027-01-31",
        ["days"] = "30",
    };

    public static TheoryData<string, string> KindsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in NoticeKinds.All)
        {
            data.Add(kind, "en");
            data.Add(kind, "da");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void every_kind_has_its_own_words_with_every_fact_filled_in(string kind, string language)
    {
        var words = MailTexts.Render(kind, Facts, language);
        words.Subject.ShouldContain("Rare variants");
        words.Lines.ShouldNotBeEmpty();
        words.Lines.ShouldNotContain(kind, "a kind without words falls back to its name");
        string.Join(" ", [words.Subject, .. words.Lines, words.Action]).ShouldNotContain("{");
    }

    [Fact]
    public void both_languages_have_the_same_templates() =>
        MailTexts.Keys("da").Order().ShouldBe(MailTexts.Keys("en").Order());

    [Fact]
    public void a_line_naming_a_fact_the_notice_lacks_is_left_out()
    {
        var refused = new Dictionary<string, string>(Facts);
        refused.Remove("approved");
        refused.Remove("reason");
        var words = MailTexts.Render(NoticeKinds.Decided, refused, "en");
        words.Subject.ShouldBe("Your application was not approved: Rare variants");
        words.Lines.ShouldBe(["Your application for ngc-gdb-wgs was not approved."]);
    }

    [Fact]
    public void days_and_grants_are_written_in_the_readers_language()
    {
        var english = MailTexts.Render(NoticeKinds.AccessGranted, Facts, "en");
        english.Lines.ShouldContain("- ngc-gdb-wgs (until 31 December 2027)");
        var danish = MailTexts.Render(NoticeKinds.AccessGranted, Facts, "da");
        danish.Subject.ShouldBe("Adgang givet: Rare variants");
        danish.Lines.ShouldContain("- ngc-gdb-wgs (til og med 31. december 2027)");
        MailTexts.Render(NoticeKinds.DeadlineReminder, Facts, "da").Subject.ShouldBe("Påmindelse, frist 1. marts 2027: Rare variants");
    }

    [Fact]
    public void braces_in_what_people_typed_are_kept_as_typed()
    {
        var facts = new Dictionary<string, string>(Facts) { ["title"] = "{reason} study", ["message"] = "Use {curly} braces" };
        var words = MailTexts.Render(NoticeKinds.InformationRequested, facts, "en");
        words.Subject.ShouldBe("Information requested: {reason} study");
        words.Lines.ShouldContain("Use {curly} braces");
    }
}
