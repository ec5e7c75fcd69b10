using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// After approval, membership moves access: a member who joins and accepts the pinned terms is granted, one who leaves
/// loses access, and one who comes back gets new grants.
/// </summary>
public class GrantMembershipSpecs
{
    private const string Left = "The user left the application.";

    [Fact]
    public void a_member_who_joins_after_approval_has_no_access_before_accepting_the_terms() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.AcceptInvitation(Invitee, TokenHashOf(Invitee)))
            .Then(new ApplicationEvent.MemberJoined("invitee", Now, InvitationOf(Invitee), "Ian Invitee", "ian@sdu.dk"));

    [Fact]
    public void a_member_who_joins_after_approval_and_accepts_the_terms_is_granted_until_the_others_access_ends() =>
        Spec.Given([.. History.ApprovedByNgc, History.Joined(Invitee)])
            .When(Commands.AcceptTerms(Invitee))
            .Then(
                new ApplicationEvent.TermsAccepted("invitee", Now, TermsV1),
                History.Granted(Invitee, WgsPolicy, Invitee, Now),
                History.Granted(Invitee, RegistryPolicy, Invitee, Now));

    [Fact]
    public void a_member_who_accepts_the_terms_after_access_has_ended_is_not_granted()
    {
        var after = History.Through(GrantEnd).AddDays(1);

        Spec.Given([.. History.ApprovedByNgc, History.Joined(Invitee)])
            .When(Commands.AcceptTerms(Invitee) with { Now = after })
            .Then(new ApplicationEvent.TermsAccepted("invitee", after, TermsV1));
    }

    [Fact]
    public void a_member_removed_after_approval_loses_access_as_a_matter_of_membership() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Remove(TeamMember, by: Applicant))
            .Then(
                new ApplicationEvent.MemberRemoved("applicant", Now, "member"),
                new ApplicationEvent.AccessRevoked("applicant", Now, History.GrantIdOf(TeamMember, Wgs), Left, Membership: true),
                new ApplicationEvent.AccessRevoked("applicant", Now, History.GrantIdOf(TeamMember, CancerRegistry), Left, Membership: true));

    [Fact]
    public void a_member_who_leaves_ends_their_own_access() =>
        Spec.Given(History.ApprovedByNgc)
            .When(Commands.Remove(TeamMember, by: TeamMember))
            .Then(
                new ApplicationEvent.MemberRemoved("member", Now, "member"),
                new ApplicationEvent.AccessRevoked("member", Now, History.GrantIdOf(TeamMember, Wgs), Left, Membership: true),
                new ApplicationEvent.AccessRevoked("member", Now, History.GrantIdOf(TeamMember, CancerRegistry), Left, Membership: true));

    [Fact]
    public void a_member_who_rejoins_and_accepts_the_terms_again_is_granted_anew() =>
        Spec.Given([.. History.ApprovedByNgc, .. History.MemberLeft(TeamMember), History.Invited(TeamMember), History.Joined(TeamMember)])
            .When(Commands.AcceptTerms(TeamMember))
            .Then(
                new ApplicationEvent.TermsAccepted("member", Now, TermsV1),
                History.Granted(TeamMember, WgsPolicy, TeamMember, Now, sequence: 1),
                History.Granted(TeamMember, RegistryPolicy, TeamMember, Now, sequence: 1));

    [Fact]
    public void the_new_grants_of_a_rejoining_member_have_new_ids()
    {
        var events = Spec.Given([.. History.ApprovedByNgc, .. History.MemberLeft(TeamMember), History.Invited(TeamMember), History.Joined(TeamMember)])
            .When(Commands.AcceptTerms(TeamMember))
            .Events();

        var before = History.NgcGrants().Where(g => g.UserId == "member").Select(g => g.GrantId).ToList();
        var now = events.OfType<ApplicationEvent.AccessGranted>().Select(g => g.GrantId).ToList();
        now.ShouldSatisfyAllConditions(
            () => now.Count.ShouldBe(2),
            () => now.Intersect(before).ShouldBeEmpty());
    }

    [Fact]
    public void a_member_who_rejoins_has_no_access_until_they_accept_the_terms_again() =>
        Spec.Given([.. History.ApprovedByNgc, .. History.MemberLeft(TeamMember), History.Invited(TeamMember)])
            .When(Commands.AcceptInvitation(TeamMember, TokenHashOf(TeamMember)))
            .Then(new ApplicationEvent.MemberJoined("member", Now, InvitationOf(TeamMember), "Mia Member", "mia@au.dk"));

    [Fact]
    public void a_member_removed_while_a_renewal_is_under_review_loses_access_at_once() =>
        Spec.Given([.. History.ApprovedByNgc, History.RenewalRequested()])
            .When(Commands.Remove(TeamMember, by: Applicant))
            .Then(
                new ApplicationEvent.MemberRemoved("applicant", Now, "member"),
                new ApplicationEvent.AccessRevoked("applicant", Now, History.GrantIdOf(TeamMember, Wgs), Left, Membership: true),
                new ApplicationEvent.AccessRevoked("applicant", Now, History.GrantIdOf(TeamMember, CancerRegistry), Left, Membership: true));
}
