using static AccessRequests.Domain.DomainErrorKind;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class AcceptInvitationSpecs
{
    [Fact]
    public void the_invitee_joins_with_the_token_they_were_sent() =>
        Spec.Given(History.Created(), History.Invited(Invitee))
            .When(Commands.AcceptInvitation(Invitee, TokenHashOf(Invitee)))
            .Then(new ApplicationEvent.MemberJoined("invitee", Now, InvitationOf(Invitee), "Ian Invitee", "ian@sdu.dk"));

    [Fact]
    public void whoever_signs_in_with_the_token_joins_as_themself() =>
        Spec.Given(History.Created(), History.Invited(Invitee))
            .When(Commands.AcceptInvitation(Stranger, TokenHashOf(Invitee)))
            .Then(new ApplicationEvent.MemberJoined("stranger", Now, InvitationOf(Invitee), "Sam Stranger", "sam@dtu.dk"));

    [Fact]
    public void a_token_of_no_invitation_is_refused() =>
        Spec.Given(History.Created(), History.Invited(Invitee))
            .When(Commands.AcceptInvitation(Invitee, "sha256-of-a-guess"))
            .ThenRefused(Forbidden, "accept-invitation.invalid-token");

    [Fact]
    public void a_member_accepting_again_records_nothing() =>
        Spec.Given(History.DraftWithMember)
            .When(Commands.AcceptInvitation(TeamMember, TokenHashOf(TeamMember)))
            .ThenNothingHappens();

    [Fact]
    public void the_applicant_cannot_accept_an_invitation() =>
        Spec.Given(History.Created(), History.Invited(Invitee))
            .When(Commands.AcceptInvitation(Applicant, TokenHashOf(Invitee)))
            .ThenRefused(Conflict, "accept-invitation.applicant");

    [Fact]
    public void a_used_token_cannot_be_used_again_by_someone_else() =>
        Spec.Given(History.Created(), History.Invited(Invitee), History.Joined(Invitee))
            .When(Commands.AcceptInvitation(Stranger, TokenHashOf(Invitee)))
            .ThenRefused(Forbidden, "accept-invitation.invalid-token");
}
