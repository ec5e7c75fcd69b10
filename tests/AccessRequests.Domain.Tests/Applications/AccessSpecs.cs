using static AccessRequests.Domain.Applications.CommentVisibility;

namespace AccessRequests.Domain.Tests.Applications;

public class AccessSpecs
{
    /// <summary>A member, and an invitation the invitee has not accepted yet.</summary>
    private static readonly ApplicationState Application = ApplicationEvolver.Fold(History.ReadyDraft);

    public static TheoryData<string, bool> Readers => new()
    {
        { "applicant", true },
        { "member", true },
        { "steward", true },
        { "auditor", true },
        { "admin", true },
        { "invitee", false },
        { "stranger", false },
    };

    public static TheoryData<string, bool> InternalCommentReaders => new()
    {
        { "applicant", false },
        { "member", false },
        { "steward", true },
        { "auditor", true },
        { "admin", true },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void who_can_read_the_application(string who, bool canRead) =>
        ApplicationAccess.CanRead(Application, ActorCalled(who)).ShouldBe(canRead);

    [Theory]
    [MemberData(nameof(InternalCommentReaders))]
    public void internal_comments_are_for_staff_only(string who, bool canSee) =>
        ApplicationAccess.CanSee(History.CommentAdded(Steward, Internal), [], ActorCalled(who)).ShouldBe(canSee);

    [Theory]
    [InlineData("applicant")]
    [InlineData("member")]
    public void applicants_see_public_comments_and_the_rest_of_the_history(string who)
    {
        var actor = ActorCalled(who);

        actor.ShouldSatisfyAllConditions(
            () => ApplicationAccess.CanSee(History.CommentAdded(Steward, Public), [], actor).ShouldBeTrue(),
            () => History.InReview.ShouldAllBe(e => ApplicationAccess.CanSee(e, Array.Empty<string>(), actor)));
    }

    private static Actor ActorCalled(string userId) =>
        new[] { Applicant, TeamMember, Invitee, Steward, Auditor, Admin, Stranger }.Single(a => a.UserId == userId);

    public static TheoryData<string> CommitteeInternalEvents => ["vote-cast", "step-assigned"];

    private static ApplicationEvent CommitteeEvent(string name) => name switch
    {
        "vote-cast" => History.VoteCast(NgcReviewer1),
        "step-assigned" => History.Assigned(Steward, "ethics"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(CommitteeInternalEvents))]
    public void votes_and_assignments_are_hidden_from_applicants_and_members(string name)
    {
        var e = CommitteeEvent(name);

        e.ShouldSatisfyAllConditions(
            () => ApplicationAccess.CanSee(e, Array.Empty<string>(), Applicant).ShouldBeFalse(),
            () => ApplicationAccess.CanSee(e, Array.Empty<string>(), TeamMember).ShouldBeFalse(),
            () => ApplicationAccess.CanSee(e, Array.Empty<string>(), Steward).ShouldBeTrue(),
            () => ApplicationAccess.CanSee(e, Array.Empty<string>(), Auditor).ShouldBeTrue());
    }

    [Fact]
    public void the_applicant_sees_the_checks_the_dacs_decisions_and_the_outcome_but_no_vote()
    {
        ApplicationEvent[] review =
        [
            .. History.NgcMembersApproved, History.Assigned(NgcReviewer1, "dac"),
            History.DacApproved(NgcChair, Fixed.NgcDacId, [Fixed.Wgs]), History.Decided(NgcChair, [Fixed.Wgs]),
        ];

        review.Where(e => ApplicationAccess.CanSee(e, Array.Empty<string>(), Applicant)).Select(EventNames.Of).Distinct().ShouldBe(
        [
            "application-created", "draft-saved", "member-invited", "member-joined", "terms-accepted", "ethics-approval-added",
            "application-submitted", "affiliation-confirmed-automatically", "purpose-matched", "check-verified",
            "dac-decided", "application-decided",
        ]);
    }
}
