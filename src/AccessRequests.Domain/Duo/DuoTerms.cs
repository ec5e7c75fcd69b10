using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AccessRequests.Domain.Duo;

/// <summary>The DUO terms this service understands (labels after the DUO ontology, explanations in plain words).</summary>
public static partial class DuoTerms
{
    public const string Gru = "DUO:0000042";
    public const string Hmb = "DUO:0000006";
    public const string Ds = "DUO:0000007";
    public const string Nres = "DUO:0000004";
    public const string Poa = "DUO:0000011";
    public const string Npu = "DUO:0000045";
    public const string Ncu = "DUO:0000046";
    public const string Npuncu = "DUO:0000018";
    public const string Irb = "DUO:0000021";
    public const string Col = "DUO:0000020";
    public const string Pub = "DUO:0000019";
    public const string Gs = "DUO:0000022";
    public const string Mor = "DUO:0000024";
    public const string Rtn = "DUO:0000029";
    public const string Us = "DUO:0000026";
    public const string Is = "DUO:0000028";
    public const string Ps = "DUO:0000027";
    public const string Ts = "DUO:0000025";
    public const string Gso = "DUO:0000016";
    public const string Nmds = "DUO:0000015";
    public const string Rs = "DUO:0000012";
    public const string Cc = "DUO:0000043";

    private const DuoTermKind Permission = DuoTermKind.Permission;
    private const DuoTermKind Modifier = DuoTermKind.Modifier;

    public static IReadOnlyList<DuoTerm> All { get; } =
    [
        new(Nres, "NRES", Permission, "no restriction", "Ingen begrænsninger",
            "The data may be used for any purpose."),
        new(Gru, "GRU", Permission, "general research use", "Generel forskningsbrug",
            "The data may be used for any research, including health and medical research, fundamental biology, " +
            "population origins or ancestry, and research methods."),
        new(Hmb, "HMB", Permission, "health or medical or biomedical research", "Sundhedsvidenskabelig, medicinsk eller biomedicinsk forskning",
            "The data may be used for health, medical or biomedical research, but not to study population origins or ancestry."),
        new(Ds, "DS", Permission, "disease specific research", "Sygdomsspecifik forskning",
            "The data may only be used for research on the named disease."),
        new(Poa, "POA", Permission, "population origins or ancestry research only", "Kun forskning i befolkningers oprindelse eller afstamning",
            "The data may only be used to study the origins or ancestry of populations."),
        new(Npu, "NPU", Modifier, "not for profit organisation use only", "Kun til almennyttige organisationer",
            "Only not-for-profit organisations may use the data."),
        new(Ncu, "NCU", Modifier, "non-commercial use only", "Kun ikke-kommerciel brug",
            "The data may not be used for commercial purposes."),
        new(Npuncu, "NPUNCU", Modifier, "not for profit, non commercial use only", "Kun almennyttige organisationer og ikke-kommerciel brug",
            "Only not-for-profit organisations may use the data, and not for commercial purposes."),
        new(Irb, "IRB", Modifier, "ethics approval required", "Etisk godkendelse påkrævet",
            "The project needs approval from a research ethics committee (in Denmark: the National Committee or a regional committee)."),
        new(Col, "COL", Modifier, "collaboration required", "Samarbejde påkrævet",
            "The applicant must collaborate with the study that collected the data."),
        new(Pub, "PUB", Modifier, "publication required", "Publicering påkrævet",
            "Results must be published, usually openly."),
        new(Gs, "GS", Modifier, "geographical restriction", "Geografisk begrænsning",
            "The data may only be used in certain countries or regions."),
        new(Mor, "MOR", Modifier, "publication moratorium", "Publiceringsmoratorium",
            "Results may not be published before a given date."),
        new(Rtn, "RTN", Modifier, "return to database or resource", "Resultater skal leveres tilbage",
            "Derived data or results must be returned to the resource that provided the data."),
        new(Us, "US", Modifier, "user specific restriction", "Kun for bestemte brugere",
            "Only approved, named users may use the data."),
        new(Is, "IS", Modifier, "institution specific restriction", "Kun for bestemte institutioner",
            "Only approved institutions may use the data."),
        new(Ps, "PS", Modifier, "project specific restriction", "Kun for bestemte projekter",
            "The data may only be used within an approved project."),
        new(Ts, "TS", Modifier, "time limit on use", "Tidsbegrænset brug",
            "The data may only be used until a given date or for a limited time."),
        new(Gso, "GSO", Modifier, "genetic studies only", "Kun genetiske studier",
            "The data may only be used for genetic studies."),
        new(Nmds, "NMDS", Modifier, "no general methods research", "Ingen generel metodeforskning",
            "The data may not be used to develop research methods or software unrelated to the permitted purpose."),
        new(Rs, "RS", Modifier, "research specific restrictions", "Forskningsspecifikke begrænsninger",
            "The data may only be used for certain kinds of research, described by the data holder."),
        new(Cc, "CC", Modifier, "clinical care use", "Klinisk brug tilladt",
            "The data may also be used in the clinical care of patients."),
    ];

    private static readonly FrozenDictionary<string, DuoTerm> ByCode =
        All.ToFrozenDictionary(t => t.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The term for a code (case-insensitive), or null when this service does not know it.</summary>
    public static DuoTerm? Find(string code) => ByCode.GetValueOrDefault(code.Trim());

    /// <summary>True for a well-formed DUO CURIE (DUO: and seven digits), known or not.</summary>
    public static bool IsWellFormed(string code) => CurieFormat().IsMatch(code);

    /// <summary>"IRB (DUO:0000021)" for known codes, the code itself otherwise: how rules name codes to people.</summary>
    public static string Describe(string code) =>
        Find(code) is { } term ? $"{term.Abbreviation} ({term.Code})" : code;

    [GeneratedRegex("^DUO:[0-9]{7}$")]
    private static partial Regex CurieFormat();
}
