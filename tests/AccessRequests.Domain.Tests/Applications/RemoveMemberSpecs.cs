using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class RemoveMemberSpecs
{
    [Fact]
    public void the_applicant_removes_a_member() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Remove(TeamMember, by: Applicant))
            .Then(new ApplicationEvent.MemberRemoved("applicant", Now, "member"));

    [Fact]
    public void a_steward_removes_a_member() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Remove(TeamMember, by: Steward))
            .Then(new ApplicationEvent.MemberRemoved("steward", Now, "member"));

    [Fact]
    public void a_member_leaves_by_removing_themself() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Remove(TeamMember, by: TeamMember))
            .Then(new ApplicationEvent.MemberRemoved("member", Now, "member"));

    [Fact]
    public void a_member_may_not_remove_another_member() =>
        Spec.Given([.. History.DraftWithMember, History.Invited(Invitee), History.Joined(Invitee)])
            .When(Commands.Remove(Invitee, by: TeamMember))
            .ThenRefused(Forbidden, "remove-member.not-allowed");

    [Fact]
    public void a_stranger_may_not_remove_a_member() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Remove(TeamMember, by: Stranger))
            .ThenRefused(Forbidden, "remove-member.not-allowed");

    [Fact]
    public void the_applicant_cannot_be_removed() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Remove(Applicant, by: Steward))
            .ThenRefused(Conflict, "remove-member.applicant");

    [Fact]
    public void removing_someone_who_is_not_a_member_records_nothing() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Remove(Stranger, by: Applicant))
            .ThenNothingHappens();

    [Fact]
    public void a_removed_member_who_rejoins_must_accept_the_terms_again() =>
        Spec.Given(
            [
                .. History.ReadyDraft,
                History.Removed(TeamMember), History.Invited(TeamMember), History.Joined(TeamMember),
            ])
            .When(Commands.Submit(Applicant))
            .ThenRefused(Conflict, "submit.terms-not-accepted")
            .Details.ShouldBe(["member"]);
}
