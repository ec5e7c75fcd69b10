using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Duo;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;

namespace AccessRequests.Benchmarks;

/// <summary>
/// Application histories as the service would record them: every event comes from <see cref="ApplicationDecider"/>
/// deciding a command on the state the earlier ones add up to, and is stored the way <see cref="CommandRunner"/> stores
/// it (<see cref="ApplicationStreams.ToData"/>). A mix of lifecycles: drafts, withdrawn, in review, and approved with
/// four grants (the applicant and a co-applicant on two datasets).
/// </summary>
public sealed class ApplicationHistories
{
    private const string Wgs = "ngc-gdb-wgs";
    private const string Registry = "rh-cancer-registry";
    private const string NgcDacId = "ngc-dac";

    private static readonly TermsVersion[] Terms = [new(Wgs, "ngc-terms", "1"), new(Registry, "rh-terms", "3")];
    private static readonly string[] RequiredFields = ["project-title", "lay-summary", "data-management"];
    private static readonly ResearchPurpose Purpose = new([DuoTerms.Ds], "colorectal cancer", false, "Case-control study of early-onset colorectal cancer.");

    private static readonly DatasetPolicy[] Policies =
    [
        new(Wgs, NgcDacId, [DuoTerms.Gru, DuoTerms.Irb], null, "ngc-controlled-access", 1, "ngc-hpc"),
        new(Registry, NgcDacId, [DuoTerms.Ds, DuoTerms.Irb], "colorectal cancer", "ngc-controlled-access", 1, "region-h"),
    ];

    private static readonly Dac[] Dacs =
    [
        new(NgcDacId, "NGC Data Access Committee", [new("ngc-chair", DacMember.Chair), new("ngc-1", DacMember.Member), new("ngc-2", DacMember.Member)]),
    ];

    private static readonly Institution[] Institutions = [new("ku", "University of Copenhagen", ["ku.dk"]), new("au", "Aarhus University", ["au.dk"])];

    private static readonly Actor Steward = new("steward", "Sofie Steward", "sofie@ngc.dk", new HashSet<string> { Role.Steward });
    private static readonly Actor Chair = Reviewer("ngc-chair", "Christian Holm");
    private static readonly Actor Member1 = Reviewer("ngc-1", "Mette Lund");
    private static readonly Actor Member2 = Reviewer("ngc-2", "Mads Berg");

    private readonly PinnedWorkflow[] workflows = [Pin("ngc-controlled-access", 1)];
    private readonly DateTimeOffset start = new(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One application: its stream id and the events of its history, ready to append at version 0.</summary>
    public sealed record History(Guid Id, string StreamId, IReadOnlyList<EventData> Events);

    /// <summary>Application <paramref name="n"/> (deterministic in n): about one in five a draft, one in ten withdrawn, one in five in review, the rest approved.</summary>
    public History Application(int n)
    {
        var id = Id(n, 1);
        var applicant = new Actor($"researcher-{n % 997}", $"Researcher {n % 997}", $"researcher{n % 997}@ku.dk", new HashSet<string>());
        var coApplicant = new Actor($"co-{n % 499}", $"Co-applicant {n % 499}", $"co{n % 499}@au.dk", new HashSet<string>());
        var at = start.AddMinutes(n);
        var state = ApplicationState.Initial;
        var events = new List<ApplicationEvent>();

        Do(new ApplicationCommand.Create(applicant, at, id, [Wgs, Registry]));
        Do(new ApplicationCommand.SaveDraft(applicant, at, $"Rare variants in early-onset colorectal cancer ({n})", new Dictionary<string, string>
        {
            ["project-title"] = $"Rare variants in early-onset colorectal cancer ({n})",
            ["lay-summary"] = "We look for inherited causes of bowel cancer in young adults.",
            ["data-management"] = "Analysis stays inside the national genome centre's HPC; no data leave it.",
        }, Purpose));
        var lifecycle = n % 10;
        if (lifecycle >= 2)
        {
            var token = $"sha256-of-invitation-{n}";
            Do(new ApplicationCommand.InviteMember(applicant, at, Id(n, 2), coApplicant.Email!, coApplicant.Name, token));
            Do(new ApplicationCommand.AcceptInvitation(coApplicant, at.AddMinutes(5), token));
            Do(new ApplicationCommand.AcceptTerms(applicant, at.AddMinutes(6), Terms));
            Do(new ApplicationCommand.AcceptTerms(coApplicant, at.AddMinutes(7), Terms));
            Do(new ApplicationCommand.AddEthicsApproval(applicant, at.AddMinutes(8), "nvk", $"25{n:D5}", new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31), null));
        }
        if (lifecycle >= 2)
        {
            Do(new ApplicationCommand.Submit(applicant, at.AddHours(1), Terms, RequiredFields, Policies, workflows,
                [new AffiliationEvidence("https://wayf.wayf.dk", "eduPersonScopedAffiliation", "member@ku.dk", at)], Institutions));
            Do(new ApplicationCommand.AddComment(applicant, at.AddHours(2), Id(n, 3), "The ethics approval letter is on its way.", CommentVisibility.Public));
        }
        if (lifecycle == 2)
        {
            Do(new ApplicationCommand.Withdraw(applicant, at.AddDays(1), "Funding fell through."));
        }
        if (lifecycle >= 5)
        {
            Do(new ApplicationCommand.VerifyCheck(Steward, at.AddDays(1), CheckKind.Ethics, "Looks right."));
            Do(new ApplicationCommand.RecordVote(Member1, at.AddDays(2), NgcDacId, DacVote.Approve, "Sound protocol.", Dacs));
            Do(new ApplicationCommand.RecordVote(Member2, at.AddDays(3), NgcDacId, DacVote.Approve, null, Dacs));
            Do(new ApplicationCommand.Decide(Chair, at.AddDays(4), NgcDacId, DacDecision.Approve, null, new DateOnly(2026, 5, 31),
                ["Results are published open access."], null, Dacs));
        }

        var correlation = $"bench-{n}";
        return new History(id, ApplicationStreams.StreamId(id), [.. events.Select(e => ApplicationStreams.ToData(e, correlation))]);

        void Do(ApplicationCommand command)
        {
            foreach (var e in ApplicationDecider.Decide(command, state))
            {
                state = ApplicationEvolver.Evolve(state, e);
                events.Add(e);
            }
        }
    }

    private static Guid Id(int n, int kind) => Guid.Parse($"{n:x8}-0000-7000-8000-{kind:x12}");

    private static Actor Reviewer(string userId, string name) =>
        new(userId, name, $"{userId}@ngc.dk", new HashSet<string>(), new HashSet<string> { NgcDacId });

    /// <summary>The shipped workflow file, as the Web project copies it next to the runner.</summary>
    private static PinnedWorkflow Pin(string id, int version) =>
        new(id, version, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", $"{id}.v{version}.json")));
}
