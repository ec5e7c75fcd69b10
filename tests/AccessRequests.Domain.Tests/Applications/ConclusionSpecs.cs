using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// The application is decided when the last workflow reaches an outcome, also when what completes (or fails) it is
/// not a review command: in the NGC workflow the terms step runs alongside the DAC review.
/// </summary>
public class ConclusionSpecs
{
    /// <summary>The invitee joined after submit and has not accepted the pinned terms: the NGC terms step is open.</summary>
    private static readonly ApplicationEvent[] ApprovedByTheDacWithTermsOutstanding =
        [.. History.NgcMembersApproved, History.Joined(Invitee), History.DacApproved(NgcChair, NgcDacId, [Wgs, CancerRegistry])];

    [Fact]
    public void a_member_who_has_not_accepted_the_terms_holds_the_decision_of_the_application_back() =>
        Spec.Given([.. History.NgcMembersApproved, History.Joined(Invitee)])
            .When(Commands.Approve(NgcChair))
            .Then(new ApplicationEvent.DacDecided("ngc-chair", Now, NgcDacId, DacDecision.Approve, [Wgs, CancerRegistry], GrantEnd, Conditions, null));

    [Fact]
    public void when_the_last_member_accepts_the_terms_the_application_is_decided() =>
        Spec.Given(ApprovedByTheDacWithTermsOutstanding)
            .When(Commands.AcceptTerms(Invitee))
            .Then(
                new ApplicationEvent.TermsAccepted("invitee", Now, TermsV1),
                new ApplicationEvent.ApplicationDecided("invitee", Now, [Wgs, CancerRegistry], null),
                History.Granted(Applicant, WgsPolicy, Invitee, Now), History.Granted(Invitee, WgsPolicy, Invitee, Now),
                History.Granted(TeamMember, WgsPolicy, Invitee, Now),
                History.Granted(Applicant, RegistryPolicy, Invitee, Now), History.Granted(Invitee, RegistryPolicy, Invitee, Now),
                History.Granted(TeamMember, RegistryPolicy, Invitee, Now));

    [Fact]
    public void when_the_member_who_has_not_accepted_the_terms_is_removed_the_application_is_decided() =>
        Spec.Given(ApprovedByTheDacWithTermsOutstanding)
            .When(Commands.Remove(Invitee, by: Applicant))
            .Then(
            [
                new ApplicationEvent.MemberRemoved("applicant", Now, "invitee"),
                new ApplicationEvent.ApplicationDecided("applicant", Now, [Wgs, CancerRegistry], null),
                .. History.NgcGrants(Applicant, Now),
            ]);

    [Fact]
    public void a_response_whose_new_purpose_does_not_fit_is_decided_rejected()
    {
        var hmb = Purpose with { DuoCodes = ["DUO:0000006"], Disease = null };

        var events = Spec.Given([.. History.BeforeTheNgcDac, History.InformationRequested(), History.DraftSaved(purpose: hmb)])
            .When(Commands.Respond())
            .Events();

        events.Select(EventNames.Of).ShouldBe(["applicant-responded", "purpose-matched", "application-decided"]);
        events.OfType<ApplicationEvent.ApplicationDecided>().Single().ApprovedDatasetIds.ShouldBeEmpty();
    }
}
