using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class AcceptTermsSpecs
{
    [Fact]
    public void the_applicant_accepts_the_current_terms() =>
        Spec.Given(History.NewDraft)
            .When(Commands.AcceptTerms(Applicant, TermsV1))
            .Then(new ApplicationEvent.TermsAccepted("applicant", Now, TermsV1));

    [Fact]
    public void a_member_accepts_the_current_terms() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.AcceptTerms(TeamMember, TermsV1))
            .Then(new ApplicationEvent.TermsAccepted("member", Now, TermsV1));

    [Fact]
    public void a_stranger_may_not_accept_terms_for_the_application() =>
        Spec.Given(History.NewDraft)
            .When(Commands.AcceptTerms(Stranger, TermsV1))
            .ThenRefused(Forbidden, "accept-terms.applicant-or-member-only");

    [Fact]
    public void accepting_the_same_versions_again_records_nothing() =>
        Spec.Given(History.Created(), History.AcceptedTerms(Applicant, TermsV1))
            .When(Commands.AcceptTerms(Applicant, TermsV1))
            .ThenNothingHappens();

    [Fact]
    public void a_new_version_of_the_terms_is_accepted_anew() =>
        Spec.Given(History.Created(), History.AcceptedTerms(Applicant, TermsV1))
            .When(Commands.AcceptTerms(Applicant, TermsV2))
            .Then(new ApplicationEvent.TermsAccepted("applicant", Now, TermsV2));
}
