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
