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
}
