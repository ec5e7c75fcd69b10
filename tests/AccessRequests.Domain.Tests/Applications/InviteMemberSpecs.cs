using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class InviteMemberSpecs
{
    [Fact]
    public void the_applicant_invites_a_member_by_email() =>
        Spec.Given(History.NewDraft)
            .When(Commands.Invite(Invitee))
            .Then(new ApplicationEvent.MemberInvited("applicant", Now, InvitationOf(Invitee), "ian@sdu.dk", "Ian Invitee", TokenHashOf(Invitee)));

    [Fact]
    public void a_member_may_not_invite() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Invite(Invitee, by: TeamMember))
            .ThenRefused(Forbidden, "invite-member.applicant-only");

    [Fact]
    public void inviting_someone_invited_already_is_refused_whatever_the_case_of_the_email() =>
        Spec.Given(History.Created(), History.Invited(Invitee))
            .When(Commands.Invite(Invitee, email: " IAN@sdu.dk"))
            .ThenRefused(Conflict, "invite-member.already-invited");

    [Fact]
    public void inviting_a_member_is_refused() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.Invite(TeamMember))
            .ThenRefused(Conflict, "invite-member.already-member");

    [Fact]
    public void the_applicant_cannot_invite_their_own_email() =>
        Spec.Given(History.NewDraft)
            .When(Commands.Invite(Invitee, email: "Ada@KU.dk"))
            .ThenRefused(Conflict, "invite-member.already-member");
}
