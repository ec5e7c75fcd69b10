using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class CopyAsNewSpecs
{
    [Fact]
    public void the_applicant_copies_the_application() =>
        Spec.Given(History.WithdrawnAfterReview)
            .When(Commands.CopyAsNew(Applicant))
            .Then(new ApplicationEvent.CopiedAsNew("applicant", Now, NewApplicationId));

    [Fact]
    public void a_member_may_not_copy_the_application() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.CopyAsNew(TeamMember))
            .ThenRefused(Forbidden, "copy-as-new.applicant-only");

    [Fact]
    public void a_stranger_may_not_copy_the_application() =>
        Spec.Given(History.NewDraft)
            .When(Commands.CopyAsNew(Stranger))
            .ThenRefused(Forbidden, "copy-as-new.applicant-only");

    [Fact]
    public void the_copy_starts_with_the_same_datasets_and_draft_and_points_back_to_its_source()
    {
        var source = ApplicationEvolver.Fold(History.WithdrawnAfterReview);

        var copy = ApplicationDecider.StartCopy(source, NewApplicationId, Applicant, Now);

        Canonical.Of(copy).ShouldBe(Canonical.Of(
        [
            new ApplicationEvent.Created("applicant", Now, NewApplicationId, "Ada Applicant", "ada@ku.dk", Datasets, TheApplicationId),
            new ApplicationEvent.DraftSaved("applicant", Now, "Early-onset CRC", CompleteAnswers, Purpose),
        ]));
    }

    [Fact]
    public void the_copy_of_an_empty_draft_has_no_draft_saved()
    {
        var source = ApplicationEvolver.Fold(History.NewDraft);

        var copy = ApplicationDecider.StartCopy(source, NewApplicationId, Applicant, Now);

        Canonical.Of(copy).ShouldBe(Canonical.Of(
        [
            new ApplicationEvent.Created("applicant", Now, NewApplicationId, "Ada Applicant", "ada@ku.dk", Datasets, TheApplicationId),
        ]));
    }
}
