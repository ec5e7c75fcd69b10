using static AccessRequests.Domain.Applications.CommentVisibility;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class EvolveSpecs
{
    private static DateTimeOffset T(int minutes) => T0.AddMinutes(minutes);

    /// <summary>A team forms, fills in the draft, accepts the terms and submits; a steward comments; it is withdrawn.</summary>
    private static readonly ApplicationEvent[] Lifecycle =
    [
        History.Created(at: T(0)),
        History.DraftSaved(at: T(1)),
        History.Invited(TeamMember, at: T(2)),
        History.Invited(Invitee, at: T(3)),
        History.Joined(TeamMember, at: T(4)),
        History.AcceptedTerms(Applicant, TermsV1, at: T(5)),
        History.AcceptedTerms(TeamMember, TermsV1, at: T(6)),
        History.AttachmentAdded(TeamMember, at: T(7)),
        History.Submitted(at: T(8)),
        History.CommentAdded(Steward, Internal, at: T(9)),
        History.Withdrawn(at: T(10)),
    ];

    [Fact]
    public void nothing_happened_yet_means_no_application() =>
        ApplicationEvolver.Fold([]).Status.ShouldBe(ApplicationStatus.None);

    [Fact]
    public void the_state_adds_up_the_whole_lifecycle()
    {
        var state = ApplicationEvolver.Fold(Lifecycle);

        state.ShouldSatisfyAllConditions(
            () => state.Id.ShouldBe(TheApplicationId),
            () => state.Status.ShouldBe(ApplicationStatus.Withdrawn),
            () => state.ApplicantId.ShouldBe("applicant"),
            () => state.ApplicantName.ShouldBe("Ada Applicant"),
            () => state.ApplicantEmail.ShouldBe("ada@ku.dk"),
            () => state.DatasetIds.ToArray().ShouldBe(Datasets),
            () => state.Title.ShouldBe("Early-onset CRC"),
            () => state.Answers.ShouldBe(CompleteAnswers, ignoreOrder: true),
            () => state.Purpose.ShouldBe(Purpose),
            () => state.Members.ShouldBe([new Member("member", "Mia Member", "mia@au.dk", T(4))]),
            () => state.Invitations.ShouldBe([new Invitation(InvitationOf(Invitee), "ian@sdu.dk", "Ian Invitee", TokenHashOf(Invitee), T(3))]),
            () => state.AcceptedTerms.Keys.ShouldBe(["applicant", "member"], ignoreOrder: true),
            () => state.AcceptedTerms["member"].ToArray().ShouldBe(TermsV1),
            () => state.Attachments.ShouldBe([new Attachment(AttachmentId, "protocol.pdf", "application/pdf", 48_213, "member", T(7))]),
            () => state.Comments.ShouldBe([new Comment(CommentId, "steward", "Please attach the ethics approval.", Internal, T(9))]),
            () => state.CreatedAt.ShouldBe(T(0)),
            () => state.UpdatedAt.ShouldBe(T(10)),
            () => state.SubmittedAt.ShouldBe(T(8)),
            () => state.FirstSubmittedAt.ShouldBe(T(8)),
            () => state.CopiedFrom.ShouldBeNull(),
            () => state.CopiedTo.ShouldBeEmpty());
    }

    [Fact]
    public void every_event_moves_updated_at_to_its_time()
    {
        var state = ApplicationState.Initial;
        foreach (var e in Lifecycle)
        {
            state = ApplicationEvolver.Evolve(state, e);
            state.UpdatedAt.ShouldBe(e.At, EventNames.Of(e));
        }
    }

    [Fact]
    public void a_later_submission_keeps_the_first_submission_time()
    {
        // Resubmitting comes with respond (not built yet); the evolver already keeps the first time.
        var state = ApplicationEvolver.Fold([History.Created(at: T(0)), History.Submitted(at: T(1)), History.Submitted(at: T(20))]);

        state.ShouldSatisfyAllConditions(
            () => state.SubmittedAt.ShouldBe(T(20)),
            () => state.FirstSubmittedAt.ShouldBe(T(1)));
    }

    [Fact]
    public void a_removed_member_is_gone_with_the_terms_they_accepted()
    {
        var state = ApplicationEvolver.Fold([.. Lifecycle, History.Removed(TeamMember, at: T(11))]);

        state.ShouldSatisfyAllConditions(
            () => state.Members.ShouldBeEmpty(),
            () => state.AcceptedTerms.Keys.ShouldBe(["applicant"]));
    }

    [Fact]
    public void accepting_terms_again_replaces_what_the_user_accepted_before()
    {
        var state = ApplicationEvolver.Fold([History.Created(), History.AcceptedTerms(Applicant, TermsV1), History.AcceptedTerms(Applicant, TermsV2)]);

        state.AcceptedTerms["applicant"].ToArray().ShouldBe(TermsV2);
    }

    [Fact]
    public void closing_and_copying_are_recorded()
    {
        var state = ApplicationEvolver.Fold(
        [
            .. Lifecycle,
            History.Closed(at: T(11)),
            new ApplicationEvent.CopiedAsNew("applicant", T(12), NewApplicationId),
        ]);

        state.ShouldSatisfyAllConditions(
            () => state.Status.ShouldBe(ApplicationStatus.Closed),
            () => state.CopiedTo.ShouldBe([NewApplicationId]));
    }

    [Fact]
    public void a_copy_knows_its_source()
    {
        var source = Guid.Parse("01972f3a-0000-7000-8000-0000000000f0");

        ApplicationEvolver.Fold([History.Created() with { CopiedFrom = source }]).CopiedFrom.ShouldBe(source);
    }
}
