using AccessRequests.Domain.Duo;
using static AccessRequests.Domain.Applications.ApplicationStatus;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// Every command in every reachable status, by someone who may issue it: what the decider answers.
/// </summary>
public class CommandStatusMatrix
{
    private static readonly ApplicationStatus[] Reachable = [None, Draft, Submitted, Returned, Approved, Rejected, Withdrawn, Closed, Revoked];

    /// <summary>
    /// WGS under the NGC workflow without IRB (no ethics step: its DAC review is open at once), the registry under the
    /// EHDS workflow with IRB (its ethics step is open): so a steward's check and a DAC's vote are both possible.
    /// </summary>
    private static readonly DatasetPolicy[] Policies =
    [
        WgsPolicy with { DuoCodes = [DuoTerms.Gru] },
        RegistryPolicy with { DacId = RhDacId, WorkflowId = "ehds-data-permit" },
    ];

    private static readonly ApplicationEvent[] InReview =
        History.SubmittedFrom(Policies, results: [new(Wgs, PurposeResult.Match, []), History.Matches(CancerRegistry)]);

    private static readonly ApplicationEvent[] RejectedInReview =
    [
        .. InReview,
        History.DacRejected(NgcChair, NgcDacId, [Wgs], "The consent does not cover this."),
        new ApplicationEvent.CheckRejected(Steward.UserId, T0, CheckKind.Ethics, "The approval covers another project."),
        History.Decided(Steward, [], "ethics: a steward rejected the ethics approval"),
    ];

    /// <summary>Both DACs approved at <see cref="Fixed.T0"/>: the applicant and the member have access to both datasets.</summary>
    private static readonly ApplicationEvent[] ApprovedWithGrants =
    [
        .. InReview, History.Verified(CheckKind.Ethics),
        History.VoteCast(NgcReviewer1), History.VoteCast(NgcReviewer2), History.DacApproved(NgcChair, NgcDacId, [Wgs]),
        History.VoteCast(RhReviewer, RhDacId), History.DacApproved(RhChair, RhDacId, [CancerRegistry]),
        History.Decided(RhChair, [Wgs, CancerRegistry]),
        History.Granted(Applicant, Policies[0], RhChair), History.Granted(TeamMember, Policies[0], RhChair),
        History.Granted(Applicant, Policies[1], RhChair), History.Granted(TeamMember, Policies[1], RhChair),
    ];

    private static readonly Dictionary<ApplicationStatus, ApplicationEvent[]> HistoryOf = new()
    {
        [None] = [],
        [Draft] = History.PinnableDraft,
        [Submitted] = InReview,
        [Returned] = [.. InReview, History.InformationRequested()],
        [Approved] = ApprovedWithGrants,
        [Rejected] = RejectedInReview,
        [Withdrawn] = [.. InReview, History.Withdrawn()],
        [Closed] = [.. RejectedInReview, History.Closed()],
        [Revoked] =
        [
            .. ApprovedWithGrants,
            .. new[] { Applicant, TeamMember }.SelectMany(u => new[] { Wgs, CancerRegistry }.Select(d => History.Revoked(u, d, Steward, "Misuse."))),
            new ApplicationEvent.ApplicationRevoked(Steward.UserId, T0, "Misuse."),
        ],
    };

    /// <summary>
    /// The table: the events a command records where it is allowed (<see cref="Row.RecordsIn"/> where they differ by
    /// status), and where a repeat records nothing.
    /// </summary>
    private sealed record Row(
        string Name, ApplicationCommand Command, string Records, ApplicationStatus[] AllowedIn, ApplicationStatus[]? NothingIn = null,
        Dictionary<ApplicationStatus, string>? RecordsIn = null);

    private static readonly Row[] Table =
    [
        new("create", Commands.Create(Applicant, Wgs), "application-created", [None]),
        new("save-draft", Commands.SaveDraft(Applicant, title: "A new title"), "draft-saved", [Draft, Returned]),
        new("invite-member", Commands.Invite(Stranger), "member-invited", [Draft, Submitted, Returned, Approved]),
        new("accept-invitation", Commands.AcceptInvitation(Invitee, TokenHashOf(Invitee)), "member-joined", [Draft, Submitted, Returned, Approved]),
        new("remove-member", Commands.Remove(TeamMember, by: Applicant), "member-removed", [Draft, Submitted, Returned, Approved],
            RecordsIn: new() { [Approved] = "member-removed, access-revoked, access-revoked" }),
        new("accept-terms", Commands.AcceptTerms(TeamMember, TermsV2), "terms-accepted", [Draft, Submitted, Returned, Approved]),
        new("add-attachment", Commands.AddAttachment(Applicant), "attachment-added", [Draft, Returned]),
        new("submit", Commands.Submit(Applicant), "application-submitted", [Draft]),
        new("withdraw", Commands.Withdraw(Applicant), "application-withdrawn", [Submitted, Returned], NothingIn: [Withdrawn]),
        new("close", Commands.Close(Applicant), "application-closed", [Draft, Withdrawn, Rejected], NothingIn: [Closed]),
        new("copy-as-new", Commands.CopyAsNew(Applicant), "application-copied", [Draft, Submitted, Returned, Approved, Rejected, Withdrawn, Closed, Revoked]),
        new("comment", Commands.AddComment(Applicant), "comment-added", [Draft, Submitted, Returned, Approved]),
        new("add-ethics-approval", new ApplicationCommand.AddEthicsApproval(Applicant, Now, "nvk", "2500999", EthicsFrom, EthicsUntil, null),
            "ethics-approval-added", [Draft, Returned]),
        new("declare-affiliation", new ApplicationCommand.DeclareAffiliation(Applicant, Now, "University of Copenhagen", "Professor", null),
            "affiliation-declared", [Draft, Returned]),
        new("verify-ethics", Commands.Verify(CheckKind.Ethics), "check-verified", [Submitted]),
        new("reject-ethics", Commands.Reject(CheckKind.Ethics, "The approval covers another project."), "check-rejected", [Submitted]),
        new("request-information", Commands.RequestInformation(Steward), "information-requested", [Submitted]),
        new("respond", Commands.Respond(Applicant), "applicant-responded", [Returned]),
        new("assign", Commands.Assign(Steward, "ethics"), "step-assigned", [Submitted, Returned]),
        new("vote", Commands.Vote(NgcReviewer1), "vote-cast", [Submitted]),
        new("decide", Commands.RejectAsDac(NgcChair, "The consent does not cover this."), "dac-decided", [Submitted]),
        new("check-deadline", Commands.CheckDeadline(T0.AddDays(91)), "deadline-passed", [Submitted, Returned],
            NothingIn: [Draft, Approved, Rejected, Withdrawn, Closed, Revoked]),
        // Whole applications: a renewal under review (submitted) or refused (rejected) still has access running.
        new("revoke", Commands.Revoke(Steward), "application-revoked", [Submitted, Approved, Rejected],
            RecordsIn: new() { [Approved] = "access-revoked, access-revoked, access-revoked, access-revoked, application-revoked" }),
        new("renew", Commands.Renew(Applicant), "renewal-requested", [Approved]),
    ];

    public static TheoryData<string, ApplicationStatus> Cells()
    {
        var cells = new TheoryData<string, ApplicationStatus>();
        foreach (var row in Table)
        {
            foreach (var status in Reachable)
            {
                cells.Add(row.Name, status);
            }
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void each_command_is_allowed_only_in_its_statuses(string command, ApplicationStatus status)
    {
        var row = Table.Single(r => r.Name == command);
        var state = ApplicationEvolver.Fold(HistoryOf[status]);
        state.Status.ShouldBe(status, "the history for this column leads somewhere else");

        Outcome(() => ApplicationDecider.Decide(row.Command, state)).ShouldBe(Expected(row, status));
    }

    [Fact]
    public void the_table_has_a_row_for_every_command()
    {
        var commandTypes = typeof(ApplicationCommand).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ApplicationCommand)));
        Table.Select(r => r.Command.GetType()).ShouldBe(commandTypes, ignoreOrder: true);
    }

    private static string Expected(Row row, ApplicationStatus status)
    {
        if (row.AllowedIn.Contains(status))
        {
            return row.RecordsIn?.GetValueOrDefault(status) ?? row.Records;
        }
        if (row.NothingIn?.Contains(status) == true)
        {
            return "nothing";
        }
        var rule = (row.Name, status) switch
        {
            (not "create", None) => "application.not-found",
            ("create", _) => "application.exists",
            // DACs are pinned at submit: a draft has none, so nobody votes or decides on it as a DAC member.
            ("vote", Draft) => "vote.not-member",
            ("decide", Draft) => "decide.not-chair",
            _ => $"{row.Name}.not-when-{status.ToString().ToLowerInvariant()}",
        };
        var kind = rule.EndsWith(".not-member", StringComparison.Ordinal) || rule.EndsWith(".not-chair", StringComparison.Ordinal)
            ? DomainErrorKind.Forbidden
            : DomainErrorKind.Conflict;
        return $"refused {kind} {rule}";
    }

    private static string Outcome(Func<IReadOnlyList<ApplicationEvent>> decide)
    {
        try
        {
            var events = decide();
            return events.Count == 0 ? "nothing" : string.Join(", ", events.Select(EventNames.Of));
        }
        catch (DomainException e)
        {
            return $"refused {e.Kind} {e.Rule}";
        }
    }
}
