using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class WithdrawSpecs
{
    [Fact]
    public void the_applicant_withdraws_a_submitted_application() =>
        Spec.Given(History.InReview)
            .When(Commands.Withdraw(Applicant))
            .Then(new ApplicationEvent.Withdrawn("applicant", Now, "Funding fell through."));

    [Fact]
    public void withdrawing_again_records_nothing() =>
        Spec.Given(History.WithdrawnAfterReview)
            .When(Commands.Withdraw(Applicant))
            .ThenNothingHappens();

    [Fact]
    public void a_draft_cannot_be_withdrawn() =>
        Spec.Given(History.NewDraft)
            .When(Commands.Withdraw(Applicant))
            .ThenRefused(Conflict, "withdraw.not-when-draft");

    [Fact]
    public void a_member_may_not_withdraw_the_application() =>
        Spec.Given(History.InReview)
            .When(Commands.Withdraw(TeamMember))
            .ThenRefused(Forbidden, "withdraw.applicant-only");
}
