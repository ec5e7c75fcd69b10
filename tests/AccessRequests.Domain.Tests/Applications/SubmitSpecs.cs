using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class SubmitSpecs
{
    [Fact]
    public void submitting_a_complete_application_records_the_terms_everyone_accepted() =>
        Spec.Given(History.ReadyDraft)
            .When(Commands.Submit(Applicant, TermsV1))
            .Then(new ApplicationEvent.Submitted("applicant", Now, TermsV1));

    [Fact]
    public void only_the_applicant_may_submit() =>
        Spec.Given(History.ReadyDraft)
            .When(Commands.Submit(TeamMember))
            .ThenRefused(Forbidden, "submit.applicant-only");

    [Fact]
    public void submitting_with_required_fields_missing_is_refused_listing_them() =>
        Spec.Given(
                History.Created(),
                History.DraftSaved(new Dictionary<string, string> { ["lay-summary"] = "Inherited causes of bowel cancer." }),
                History.AcceptedTerms(Applicant))
            .When(Commands.Submit(Applicant))
            .ThenRefused(Conflict, "submit.required-fields-missing")
            .Details.ShouldBe(["project-title", "data-management"]);

    [Fact]
    public void a_blank_answer_counts_as_missing() =>
        Spec.Given(
                History.Created(),
                History.DraftSaved(new Dictionary<string, string>(CompleteAnswers) { ["lay-summary"] = " \t\n" }),
                History.AcceptedTerms(Applicant))
            .When(Commands.Submit(Applicant))
            .ThenRefused(Conflict, "submit.required-fields-missing")
            .Details.ShouldBe(["lay-summary"]);

    [Fact]
    public void submitting_without_accepted_terms_is_refused() =>
        Spec.Given(History.Created(), History.DraftSaved())
            .When(Commands.Submit(Applicant))
            .ThenRefused(Conflict, "submit.terms-not-accepted")
            .Details.ShouldBe(["applicant"]);

    [Fact]
    public void a_member_who_has_not_accepted_the_terms_is_named() =>
        Spec.Given([.. History.DraftWithMember, History.DraftSaved(), History.AcceptedTerms(Applicant)])
            .When(Commands.Submit(Applicant))
            .ThenRefused(Conflict, "submit.terms-not-accepted")
            .Details.ShouldBe(["member"]);

    [Fact]
    public void terms_accepted_for_an_older_version_do_not_count() =>
        Spec.Given(History.ReadyDraft)
            .When(Commands.Submit(Applicant, TermsV2))
            .ThenRefused(Conflict, "submit.terms-not-accepted")
            .Details.ShouldBe(["applicant", "member"]);

    [Fact]
    public void datasets_without_terms_of_use_need_no_acceptance() =>
        Spec.Given(History.Created(), History.DraftSaved())
            .When(Commands.Submit(Applicant, []))
            .Then(new ApplicationEvent.Submitted("applicant", Now, []));
}
