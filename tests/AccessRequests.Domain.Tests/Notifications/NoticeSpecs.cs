using AccessRequests.Domain.Notifications;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Tests.Fixed;
using static AccessRequests.Domain.Tests.History;

namespace AccessRequests.Domain.Tests.Notifications;

/// <summary>
/// Who is told what when a command's events are recorded: Given(history) / When(the command's events) / Told(kind → people).
/// The catalogue has one steward and the DACs of <see cref="Fixed.Dacs"/>.
/// </summary>
public class NoticeSpecs
{
    private static readonly NoticeContext Context = new([Steward.UserId], Dacs);

    private static List<Notice> Notices(ApplicationEvent[] history, params ApplicationEvent[] events)
    {
        var before = history.Aggregate(ApplicationState.Initial, ApplicationEvolver.Evolve);
        var after = events.Aggregate(before, ApplicationEvolver.Evolve);
        return [.. NoticeRules.For(before, events, after, Context)];
    }

    private static string[] Told(ApplicationEvent[] history, params ApplicationEvent[] events) =>
        [.. Notices(history, events).Select(n => $"{n.Kind} → {Who(n.To)}").Order(StringComparer.Ordinal)];

    private static string Who(NoticeRecipient to) => to switch
    {
        NoticeRecipient.User u => u.UserId,
        NoticeRecipient.Address a => a.Email,
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void on_submit_the_stewards_are_told() =>
        Told(PinnableDraft, SubmittedUnder(NgcPolicies), AffiliationConfirmed(), PurposeMatched(null, Matches(Wgs), Matches(CancerRegistry)))
            .ShouldBe(["application-submitted → steward"]);

    [Fact]
    public void when_the_steward_verifies_the_last_check_the_dac_members_and_chair_are_told_their_review_is_open() =>
        Told(InNgcReview, Verified(CheckKind.Ethics))
            .ShouldBe(["review-opened → ngc-1", "review-opened → ngc-2", "review-opened → ngc-chair"]);

    [Fact]
    public void with_two_dacs_each_dac_is_told_of_its_own_review() =>
        Told(SubmittedFrom(TwoDacPolicies), Verified(CheckKind.Ethics))
            .ShouldBe(["review-opened → ngc-1", "review-opened → ngc-2", "review-opened → ngc-chair", "review-opened → rh-1", "review-opened → rh-chair"]);

    [Fact]
    public void a_vote_that_is_not_the_last_tells_nobody() =>
        Told(BeforeTheNgcDac, VoteCast(NgcReviewer1)).ShouldBeEmpty();

    [Fact]
    public void when_the_last_member_has_voted_the_chair_is_told_the_votes_are_in_with_the_count_only()
    {
        var notices = Notices([.. BeforeTheNgcDac, VoteCast(NgcReviewer1)], VoteCast(NgcReviewer2, vote: DacVote.Reject));
        notices.Select(n => $"{n.Kind} → {Who(n.To)}").ShouldBe(["votes-in → ngc-chair"]);
        notices[0].Facts["approvals"].ShouldBe("1");
        notices[0].Facts["rejections"].ShouldBe("1");
        notices[0].Page.ShouldBe(NoticePage.Review);
    }

    [Fact]
    public void an_information_request_tells_the_applicant_and_the_members_with_the_message()
    {
        var notices = Notices(InNgcReview, InformationRequested());
        notices.Select(n => $"{n.Kind} → {Who(n.To)}").Order().ShouldBe(["information-requested → applicant", "information-requested → member"]);
        notices.ShouldAllBe(n => n.Facts["message"] == "Please attach the approval letter." && n.Page == NoticePage.Application);
    }

    [Fact]
    public void the_applicants_answer_tells_the_stewards_and_a_dac_member_who_asked()
    {
        Told(ReturnedToApplicant, Responded()).ShouldBe(["application-resubmitted → steward"]);
        Told([.. BeforeTheNgcDac, InformationRequested(NgcReviewer1)], Responded())
            .ShouldBe(["application-resubmitted → ngc-1", "application-resubmitted → steward", "review-opened → ngc-1", "review-opened → ngc-2", "review-opened → ngc-chair"]);
    }

    [Fact]
    public void a_decision_with_grants_tells_each_applying_person_once_with_their_own_grants()
    {
        var notices = Notices(NgcMembersApproved,
            [DacApproved(NgcChair, NgcDacId, [Wgs, CancerRegistry]), Decided(NgcChair, [Wgs, CancerRegistry]), .. NgcGrants()]);
        notices.Select(n => $"{n.Kind} → {Who(n.To)}").Order().ShouldBe(["application-decided → applicant", "application-decided → member"]);
        notices.ShouldAllBe(n => n.Facts["grants"].Split('\n', StringSplitOptions.None).Length == 2);
        notices.ShouldAllBe(n => n.Facts["approved"] == "ngc-gdb-wgs, rh-cancer-registry");
    }

    [Fact]
    public void a_refusal_carries_the_reason_and_never_the_votes()
    {
        var notices = Notices([.. BeforeTheNgcDac, VoteCast(NgcReviewer1, vote: DacVote.Reject)],
            DacRejected(NgcChair, NgcDacId, [Wgs, CancerRegistry], "Purpose too broad."), Decided(NgcChair, [], "ngc-dac: Purpose too broad."));
        notices.Select(n => n.Kind).Distinct().ShouldBe(["application-decided"]);
        notices.ShouldAllBe(n => n.Facts["reason"] == "ngc-dac: Purpose too broad." && !n.Facts.ContainsKey("approvals") && !n.Facts.ContainsKey("grants"));
    }

    [Fact]
    public void a_grant_outside_a_decision_tells_its_user() =>
        Told(ApprovedByNgc, Granted(TeamMember, WgsPolicy, by: Applicant, sequence: 1))
            .ShouldBe(["access-granted → member"]);

    [Fact]
    public void revoking_one_grant_tells_its_user_with_the_reason()
    {
        var notices = Notices(ApprovedByNgc, Revoked(TeamMember, Wgs, NgcChair, "Breach of terms."));
        notices.Select(n => $"{n.Kind} → {Who(n.To)}").ShouldBe(["access-revoked → member"]);
        notices[0].Facts["reason"].ShouldBe("Breach of terms.");
        notices[0].Facts["datasets"].ShouldBe(Wgs);
    }

    [Fact]
    public void revoking_the_application_tells_each_applying_person_once() =>
        Told(ApprovedByNgc,
            [new ApplicationEvent.ApplicationRevoked(NgcChair.UserId, T0, "Misuse."), .. NgcGrants().Select(g => new ApplicationEvent.AccessRevoked(NgcChair.UserId, T0, g.GrantId, "Misuse."))])
            .ShouldBe(["application-revoked → applicant", "application-revoked → member"]);

    [Fact]
    public void expiry_tells_each_user_once_for_all_their_grants() =>
        Told(ApprovedByNgc, Expired(Applicant, Wgs, T0.AddYears(1)), Expired(Applicant, CancerRegistry, T0.AddYears(1)), Expired(TeamMember, Wgs, T0.AddYears(1)))
            .ShouldBe(["access-expired → applicant", "access-expired → member"]);

    [Fact]
    public void an_approaching_grant_end_tells_each_user_once_for_their_grants_ending_that_day()
    {
        var notices = Notices(ApprovedByNgc, NgcGrantsWarned(30));

        notices.Select(n => $"{n.Kind} → {Who(n.To)}").Order().ShouldBe(["expiry-approaching → applicant", "expiry-approaching → member"]);
        notices.ShouldAllBe(n => n.Page == NoticePage.Application && n.Facts["subject"] == "grant"
            && n.Facts["datasets"] == "ngc-gdb-wgs, rh-cancer-registry" && n.Facts["expires"] == "2026-05-31" && n.Facts["days"] == "30");
    }

    [Fact]
    public void grants_of_one_user_ending_on_different_days_are_told_apart()
    {
        var extendedEnd = Through(RenewalEnd);
        ApplicationEvent[] extended = [.. ApprovedByNgc, Granted(Applicant, WgsPolicy, at: T0.AddDays(300), until: extendedEnd, from: T0)];

        var notices = Notices(extended, ExpiryWarned(Applicant, Wgs, 30, until: extendedEnd), ExpiryWarned(Applicant, CancerRegistry, 7));

        notices.Select(n => (Who(n.To), n.Facts["datasets"], n.Facts["expires"], n.Facts["days"])).Order().ShouldBe(
            [("applicant", Wgs, "2027-05-31", "30"), ("applicant", CancerRegistry, "2026-05-31", "7")]);
    }

    [Fact]
    public void an_approaching_ethics_approval_end_tells_everyone_applying()
    {
        var notices = Notices(ApprovedByNgc, EthicsExpiryWarned(30));

        notices.Select(n => $"{n.Kind} → {Who(n.To)}").Order().ShouldBe(["expiry-approaching → applicant", "expiry-approaching → member"]);
        notices.ShouldAllBe(n => n.Page == NoticePage.Application && n.Facts["subject"] == "ethics-approval"
            && n.Facts["expires"] == "2027-12-31" && n.Facts["days"] == "30");
    }

    [Fact]
    public void a_grant_and_the_ethics_approval_ending_together_are_both_told() =>
        Notices(ApprovedByNgc, [.. NgcGrantsWarned(7), EthicsExpiryWarned(7, GrantEnd)])
            .Select(n => $"{n.Kind} → {Who(n.To)}: {n.Facts["subject"]}").Order().ShouldBe(
            [
                "expiry-approaching → applicant: ethics-approval", "expiry-approaching → applicant: grant",
                "expiry-approaching → member: ethics-approval", "expiry-approaching → member: grant",
            ]);

    [Fact]
    public void an_invitee_is_told_at_their_address_in_the_inviters_language()
    {
        var notices = Notices(DraftWithMember, Invited(Invitee));
        notices.Count.ShouldBe(1);
        notices[0].To.ShouldBe(new NoticeRecipient.Address("ian@sdu.dk", "Ian Invitee", Applicant.UserId));
        notices[0].Page.ShouldBe(NoticePage.Invitation);
        notices[0].Facts.ContainsKey("invitationId").ShouldBeTrue();
    }

    [Fact]
    public void a_deadline_reminder_tells_whoever_must_act_the_assignee_where_a_step_is_taken()
    {
        var reminded = new ApplicationEvent.DeadlineReminded(Actor.SystemUserId, T0.AddDays(76), T0.AddDays(90));
        Told(InNgcReview, reminded).ShouldBe(["deadline-reminder → steward"]);
        Told([.. BeforeTheNgcDac, VoteCast(NgcReviewer1)], reminded).ShouldBe(["deadline-reminder → ngc-2", "deadline-reminder → ngc-chair"]);
        Told([.. InNgcReview, Assigned(Admin, "ethics")], reminded).ShouldBe(["deadline-reminder → admin"]);
    }

    [Fact]
    public void the_quiet_events_tell_nobody_in_a_review_or_after_a_decision()
    {
        foreach (var history in new[] { InNgcReview, BeforeTheNgcDac })
        {
            Told(history, AttachmentAdded()).ShouldBeEmpty();
            Told(history, CommentAdded(Steward, CommentVisibility.Public)).ShouldBeEmpty();
            Told(history, CommentAdded(Steward, CommentVisibility.Internal)).ShouldBeEmpty();
        }
        Told(PinnableDraft, DraftSaved()).ShouldBeEmpty();
        Told([], Created()).ShouldBeEmpty();
        NoticeRules.Quiet.ShouldBe([typeof(ApplicationEvent.Created), typeof(ApplicationEvent.DraftSaved), typeof(ApplicationEvent.AttachmentAdded),
            typeof(ApplicationEvent.CommentAdded)], ignoreOrder: true, "a type added here must tell nobody: add it above");
    }

    [Fact]
    public void nobody_is_told_of_their_own_act()
    {
        var asSteward = new NoticeContext([Steward.UserId, Applicant.UserId], Dacs);
        var before = PinnableDraft.Aggregate(ApplicationState.Initial, ApplicationEvolver.Evolve);
        ApplicationEvent[] submit = [SubmittedUnder(NgcPolicies), AffiliationConfirmed(), PurposeMatched(null, Matches(Wgs), Matches(CancerRegistry))];
        var after = submit.Aggregate(before, ApplicationEvolver.Evolve);
        NoticeRules.For(before, submit, after, asSteward).Select(n => Who(n.To)).ShouldBe([Steward.UserId]);
    }

    [Fact]
    public void votes_comments_and_assignments_tell_nobody()
    {
        Told(BeforeTheNgcDac, CommentAdded(NgcReviewer1, CommentVisibility.Internal)).ShouldBeEmpty();
        Told(BeforeTheNgcDac, CommentAdded(Applicant, CommentVisibility.Public)).ShouldBeEmpty();
        Told(BeforeTheNgcDac, Assigned(NgcReviewer1, "dac")).ShouldBeEmpty();
    }
}
