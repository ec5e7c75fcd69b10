using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class CloseSpecs
{
    [Fact]
    public void the_applicant_discards_a_draft() =>
        Spec.Given(History.NewDraft)
            .When(Commands.Close(Applicant))
            .Then(new ApplicationEvent.Closed("applicant", Now, "No longer needed."));

    [Fact]
    public void the_applicant_puts_away_a_withdrawn_application() =>
        Spec.Given(History.WithdrawnAfterReview)
            .When(Commands.Close(Applicant))
            .Then(new ApplicationEvent.Closed("applicant", Now, "No longer needed."));

    [Fact]
    public void the_applicant_cannot_close_an_application_in_review() =>
        Spec.Given(History.InReview)
            .When(Commands.Close(Applicant))
            .ThenRefused(Conflict, "close.not-when-submitted");

    [Fact]
    public void a_steward_closes_an_application_in_review() =>
        Spec.Given(History.InReview)
            .When(Commands.Close(Steward))
            .Then(new ApplicationEvent.Closed("steward", Now, "No longer needed."));

    [Fact]
    public void a_steward_closing_an_approved_application_ends_all_access_it_gave() =>
        Spec.Given([.. History.ApprovedByNgc, History.Revoked(TeamMember, Wgs, NgcChair, "Misuse.")])
            .When(Commands.Close(Steward))
            .Then(
                new ApplicationEvent.Closed("steward", Now, "No longer needed."),
                new ApplicationEvent.AccessRevoked("steward", Now, History.GrantIdOf(Applicant, Wgs), "The application was closed."),
                new ApplicationEvent.AccessRevoked("steward", Now, History.GrantIdOf(Applicant, CancerRegistry), "The application was closed."),
                new ApplicationEvent.AccessRevoked("steward", Now, History.GrantIdOf(TeamMember, CancerRegistry), "The application was closed."));

    [Fact]
    public void the_applicant_may_not_close_an_approved_application() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Close(Applicant))
            .ThenRefused(Conflict, "close.not-when-approved");

    [Fact]
    public void an_admin_closes_as_a_steward_would() =>
        Spec.Given(History.InReview)
            .When(Commands.Close(Admin))
            .Then(new ApplicationEvent.Closed("admin", Now, "No longer needed."));

    [Fact]
    public void a_member_may_not_close_the_application() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Close(TeamMember))
            .ThenRefused(Forbidden, "close.not-allowed");

    [Fact]
    public void a_stranger_may_not_close_the_application() =>
        Spec.Given(History.NewDraft)
            .When(Commands.Close(Stranger))
            .ThenRefused(Forbidden, "close.not-allowed");

    [Fact]
    public void closing_again_records_nothing() =>
        Spec.Given(History.ClosedDraft)
            .When(Commands.Close(Steward))
            .ThenNothingHappens();
}
