using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Duo;
using AccessRequests.Domain.Policies;

namespace AccessRequests.Domain.Tests;

/// <summary>Fixed time, ids and catalogue facts, so expected events can be written out in full.</summary>
internal static class Fixed
{
    /// <summary>When the history starts; commands happen at <see cref="Now"/>, an hour later.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(2));
    public static readonly DateTimeOffset Now = T0.AddHours(1);

    public static readonly Guid TheApplicationId = Guid.Parse("01972f3a-0000-7000-8000-000000000001");
    public static readonly Guid NewApplicationId = Guid.Parse("01972f3a-0000-7000-8000-000000000002");
    public static readonly Guid AttachmentId = Guid.Parse("01972f3a-0000-7000-8000-0000000000a1");
    public static readonly Guid CommentId = Guid.Parse("01972f3a-0000-7000-8000-0000000000c1");

    public const string Wgs = "ngc-gdb-wgs";
    public const string CancerRegistry = "rh-cancer-registry";
    public static readonly string[] Datasets = [Wgs, CancerRegistry];

    public static readonly TermsVersion[] TermsV1 = [new(Wgs, "ngc-terms", "1"), new(CancerRegistry, "rh-terms", "3")];

    /// <summary>The NGC terms moved to version 2; the registry's did not.</summary>
    public static readonly TermsVersion[] TermsV2 = [new(Wgs, "ngc-terms", "2"), new(CancerRegistry, "rh-terms", "3")];

    public static readonly string[] RequiredFields = ["project-title", "lay-summary", "data-management"];

    public static readonly Dictionary<string, string> CompleteAnswers = new()
    {
        ["project-title"] = "Rare variants in early-onset colorectal cancer",
        ["lay-summary"] = "We look for inherited causes of bowel cancer in young adults.",
        ["data-management"] = "Analysis stays inside the national genome centre's HPC.",
    };

    public static readonly ResearchPurpose Purpose = new(["DUO:0000007"], "colorectal cancer", false, "Case-control study.");

    public const string NgcDacId = "ngc-dac";
    public const string RhDacId = "rh-dac";

    public static readonly Dac NgcDac = new(NgcDacId, "NGC Data Access Committee",
        [new("ngc-chair", DacMember.Chair), new("ngc-1", DacMember.Member), new("ngc-2", DacMember.Member)]);

    public static readonly Dac RhDac = new(RhDacId, "Region H Data Access Committee", [new("rh-chair", DacMember.Chair), new("rh-1", DacMember.Member)]);

    /// <summary>The DAC rosters as the catalogue has them now: what review commands carry.</summary>
    public static readonly Dac[] Dacs = [NgcDac, RhDac];

    /// <summary>General research use, ethics approval required (so the NGC workflow's ethics step applies).</summary>
    public static readonly DatasetPolicy WgsPolicy = new(Wgs, NgcDacId, [DuoTerms.Gru, DuoTerms.Irb], null, "ngc-controlled-access", 1, "ngc-hpc");

    /// <summary>Colorectal cancer research only (what <see cref="Purpose"/> is), ethics approval required; the NGC DAC too.</summary>
    public static readonly DatasetPolicy RegistryPolicy =
        new(CancerRegistry, NgcDacId, [DuoTerms.Ds, DuoTerms.Irb], "colorectal cancer", "ngc-controlled-access", 1, "region-h");

    /// <summary>Both datasets under the NGC workflow, decided by one DAC.</summary>
    public static readonly DatasetPolicy[] NgcPolicies = [WgsPolicy, RegistryPolicy];

    /// <summary>Both datasets under the NGC workflow, the registry owned by another DAC.</summary>
    public static readonly DatasetPolicy[] TwoDacPolicies = [WgsPolicy, RegistryPolicy with { DacId = RhDacId }];

    public static readonly Institution Ku = new("ku", "University of Copenhagen", ["ku.dk"]);
    public static readonly Institution[] Institutions = [Ku, new("au", "Aarhus University", ["au.dk"])];

    /// <summary>What a WAYF sign-in says about a KU researcher.</summary>
    public static readonly AffiliationEvidence KuMember = new("https://wayf.wayf.dk", "eduPersonScopedAffiliation", "member@ku.dk", T0);

    public static readonly DateOnly EthicsFrom = new(2025, 1, 1);
    public static readonly DateOnly EthicsUntil = new(2027, 12, 31);

    /// <summary>The end of access a chair approves with, and the conditions.</summary>
    public static readonly DateOnly GrantEnd = new(2026, 5, 31);
    public static readonly string[] Conditions = ["Results are published open access."];

    /// <summary>What the applicant asks for when renewing, and why.</summary>
    public static readonly DateOnly RenewalEnd = new(2027, 5, 31);
    public const string RenewalJustification = "The cohort grew; the analysis needs another year.";

    /// <summary>What the DUO rules note on every dataset carrying IRB (DUO:0000021).</summary>
    public const string IrbNote = "IRB (DUO:0000021): ethics approval is required; the workflow's ethics step checks it";

    /// <summary>One invitation per invited person, so a history and a command can refer to the same one.</summary>
    public static Guid InvitationOf(Actor who) => who.UserId switch
    {
        "member" => Guid.Parse("01972f3a-0000-7000-8000-0000000000e1"),
        "invitee" => Guid.Parse("01972f3a-0000-7000-8000-0000000000e2"),
        "stranger" => Guid.Parse("01972f3a-0000-7000-8000-0000000000e3"),
        _ => throw new ArgumentOutOfRangeException(nameof(who), who.UserId, "Nobody invites them."),
    };

    public static string TokenHashOf(Actor who) => "sha256-of-token-for-" + who.UserId;
}
