using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class SaveDraftSpecs
{
    [Fact]
    public void the_applicant_saves_the_draft() =>
        Spec.Given(History.NewDraft)
            .When(Commands.SaveDraft(Applicant, title: "Early-onset CRC"))
            .Then(new ApplicationEvent.DraftSaved("applicant", Now, "Early-onset CRC", CompleteAnswers, Purpose));

    [Fact]
    public void a_member_may_not_save_the_draft() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.SaveDraft(TeamMember))
            .ThenRefused(Forbidden, "save-draft.applicant-only");

    [Fact]
    public void saving_the_same_draft_again_records_nothing() =>
        Spec.Given(History.Created(), History.DraftSaved(title: "Early-onset CRC"))
            .When(Commands.SaveDraft(
                Applicant,
                title: "Early-onset CRC",
                answers: new Dictionary<string, string>(CompleteAnswers),
                purpose: Purpose with { DuoCodes = [.. Purpose.DuoCodes] }))
            .ThenNothingHappens();

    [Fact]
    public void changing_only_one_answer_is_saved()
    {
        var answers = new Dictionary<string, string>(CompleteAnswers) { ["lay-summary"] = "Shorter." };
        Spec.Given(History.Created(), History.DraftSaved(title: "Early-onset CRC"))
            .When(Commands.SaveDraft(Applicant, title: "Early-onset CRC", answers: answers))
            .Then(new ApplicationEvent.DraftSaved("applicant", Now, "Early-onset CRC", answers, Purpose));
    }

    [Fact]
    public void changing_only_the_purpose_is_saved()
    {
        var commercial = Purpose with { Commercial = true };
        Spec.Given(History.Created(), History.DraftSaved(title: "Early-onset CRC"))
            .When(Commands.SaveDraft(Applicant, title: "Early-onset CRC", purpose: commercial))
            .Then(new ApplicationEvent.DraftSaved("applicant", Now, "Early-onset CRC", CompleteAnswers, commercial));
    }
}
