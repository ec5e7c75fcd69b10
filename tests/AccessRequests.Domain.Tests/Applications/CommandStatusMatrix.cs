using static AccessRequests.Domain.Applications.ApplicationStatus;

namespace AccessRequests.Domain.Tests.Applications;

/// <summary>
/// Every command in every reachable status, by someone who may issue it: what the decider answers.
/// Returned, Approved, Rejected and Revoked are not covered: no event leads there yet (review comes later).
/// </summary>
public class CommandStatusMatrix
{
    private static readonly ApplicationStatus[] Reachable = [None, Draft, Submitted, Withdrawn, Closed];

    private static readonly Dictionary<ApplicationStatus, ApplicationEvent[]> HistoryOf = new()
    {
        [None] = [],
        [Draft] = History.ReadyDraft,
        [Submitted] = History.InReview,
        [Withdrawn] = History.WithdrawnAfterReview,
        [Closed] = History.ClosedDraft,
    };

    /// <summary>The table: the event a command records where it is allowed, and where a repeat records nothing.</summary>
    private sealed record Row(string Name, ApplicationCommand Command, string Records, ApplicationStatus[] AllowedIn, ApplicationStatus[]? NothingIn = null);

    private static readonly Row[] Table =
    [
        new("create", Commands.Create(Applicant, Fixed.Wgs), "application-created", [None]),
        new("save-draft", Commands.SaveDraft(Applicant, title: "A new title"), "draft-saved", [Draft]),
        new("invite-member", Commands.Invite(Stranger), "member-invited", [Draft, Submitted]),
        new("accept-invitation", Commands.AcceptInvitation(Invitee, Fixed.TokenHashOf(Invitee)), "member-joined", [Draft, Submitted]),
        new("remove-member", Commands.Remove(TeamMember, by: Applicant), "member-removed", [Draft, Submitted]),
        new("accept-terms", Commands.AcceptTerms(TeamMember, Fixed.TermsV2), "terms-accepted", [Draft, Submitted]),
        new("add-attachment", Commands.AddAttachment(Applicant), "attachment-added", [Draft]),
        new("submit", Commands.Submit(Applicant), "application-submitted", [Draft]),
        new("withdraw", Commands.Withdraw(Applicant), "application-withdrawn", [Submitted], NothingIn: [Withdrawn]),
        new("close", Commands.Close(Applicant), "application-closed", [Draft, Withdrawn], NothingIn: [Closed]),
        new("copy-as-new", Commands.CopyAsNew(Applicant), "application-copied", [Draft, Submitted, Withdrawn, Closed]),
        new("comment", Commands.AddComment(Applicant), "comment-added", [Draft, Submitted]),
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
            return row.Records;
        }
        if (row.NothingIn?.Contains(status) == true)
        {
            return "nothing";
        }
        var rule = (row.Name, status) switch
        {
            (not "create", None) => "application.not-found",
            ("create", _) => "application.exists",
            _ => $"{row.Name}.not-when-{status.ToString().ToLowerInvariant()}",
        };
        return $"refused Conflict {rule}";
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
