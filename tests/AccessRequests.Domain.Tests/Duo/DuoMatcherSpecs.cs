using AccessRequests.Domain.Duo;
using static AccessRequests.Domain.Duo.DuoTerms;

namespace AccessRequests.Domain.Tests.Duo;

public class DuoMatcherSpecs
{
    public enum Expect { Match, NoMatch, NeedsReview }

    /// <summary>rule, purpose codes, purpose disease, commercial, dataset codes, dataset disease, expected, words the reason names</summary>
    public static TheoryData<string, string[], string?, bool, string[], string?, Expect, string> Rules => new()
    {
        { "NRES allows anything", [Gru], null, false, [Nres], null, Expect.Match, "" },
        { "GRU purpose fits a GRU dataset", [Gru], null, false, [Gru], null, Expect.Match, "" },
        { "GRU purpose does not fit HMB", [Gru], null, false, [Hmb], null, Expect.NoMatch, "GRU (DUO:0000042) research is not covered by the dataset's HMB (DUO:0000006)" },
        { "GRU purpose does not fit DS", [Gru], null, false, [Ds], "breast cancer", Expect.NoMatch, "DS (DUO:0000007): disease specific research (breast cancer)" },
        { "HMB purpose fits GRU", [Hmb], null, false, [Gru], null, Expect.Match, "" },
        { "HMB purpose fits HMB", [Hmb], null, false, [Hmb], null, Expect.Match, "" },
        { "HMB purpose does not fit DS", [Hmb], null, false, [Ds], "breast cancer", Expect.NoMatch, "HMB (DUO:0000006) research is not covered" },
        { "HMB purpose does not fit POA", [Hmb], null, false, [Poa], null, Expect.NoMatch, "POA (DUO:0000011)" },
        { "DS purpose fits GRU", [Ds], "asthma", false, [Gru], null, Expect.Match, "" },
        { "DS purpose fits HMB", [Ds], "asthma", false, [Hmb], null, Expect.Match, "" },
        { "DS purpose fits DS with the same disease, ignoring case", [Ds], "Breast Cancer ", false, [Ds], "breast cancer", Expect.Match, "" },
        { "DS purpose with another disease needs review", [Ds], "ductal carcinoma", false, [Ds], "breast cancer", Expect.NeedsReview, "\"ductal carcinoma\" is not literally the dataset's \"breast cancer\"" },
        { "DS purpose without a disease needs review", [Ds], null, false, [Ds], "breast cancer", Expect.NeedsReview, "names no disease" },
        { "a DS dataset without a disease needs review", [Ds], "asthma", false, [Ds], null, Expect.NeedsReview, "the dataset's DS (DUO:0000007) names no disease" },
        { "POA purpose fits POA", [Poa], null, false, [Poa], null, Expect.Match, "" },
        { "POA purpose fits GRU", [Poa], null, false, [Gru], null, Expect.Match, "" },
        { "POA purpose does not fit HMB", [Poa], null, false, [Hmb], null, Expect.NoMatch, "POA (DUO:0000011) research is not covered by the dataset's HMB" },
        { "every stated purpose must fit", [Hmb, Poa], null, false, [Hmb], null, Expect.NoMatch, "POA (DUO:0000011)" },
        { "commercial use fails NCU", [Hmb], null, true, [Hmb, Ncu], null, Expect.NoMatch, "commercial use is not allowed by NCU (DUO:0000046)" },
        { "commercial use fails NPU", [Hmb], null, true, [Hmb, Npu], null, Expect.NoMatch, "NPU (DUO:0000045)" },
        { "commercial use fails NPUNCU", [Hmb], null, true, [Gru, Npuncu], null, Expect.NoMatch, "NPUNCU (DUO:0000018)" },
        { "non-commercial use passes NCU", [Hmb], null, false, [Hmb, Ncu], null, Expect.Match, "" },
        { "commercial use passes a dataset without a commercial ban", [Hmb], null, true, [Hmb], null, Expect.Match, "" },
        { "IRB does not block but is named", [Hmb], null, false, [Hmb, Irb], null, Expect.Match, "IRB (DUO:0000021)" },
        { "CC does not block but is named", [Hmb], null, false, [Hmb, Cc], null, Expect.Match, "CC (DUO:0000043)" },
        { "COL needs review", [Hmb], null, false, [Hmb, Col], null, Expect.NeedsReview, "COL (DUO:0000020): collaboration required" },
        { "PUB needs review", [Hmb], null, false, [Hmb, Pub], null, Expect.NeedsReview, "PUB (DUO:0000019)" },
        { "GS needs review", [Hmb], null, false, [Hmb, Gs], null, Expect.NeedsReview, "GS (DUO:0000022)" },
        { "MOR needs review", [Hmb], null, false, [Hmb, Mor], null, Expect.NeedsReview, "MOR (DUO:0000024)" },
        { "US needs review", [Hmb], null, false, [Hmb, Us], null, Expect.NeedsReview, "US (DUO:0000026)" },
        { "IS needs review", [Hmb], null, false, [Hmb, Is], null, Expect.NeedsReview, "IS (DUO:0000028)" },
        { "PS needs review", [Hmb], null, false, [Hmb, Ps], null, Expect.NeedsReview, "PS (DUO:0000027)" },
        { "TS needs review", [Hmb], null, false, [Hmb, Ts], null, Expect.NeedsReview, "TS (DUO:0000025)" },
        { "RTN needs review", [Hmb], null, false, [Hmb, Rtn], null, Expect.NeedsReview, "RTN (DUO:0000029)" },
        { "GSO needs review", [Hmb], null, false, [Hmb, Gso], null, Expect.NeedsReview, "GSO (DUO:0000016)" },
        { "NMDS needs review", [Hmb], null, false, [Hmb, Nmds], null, Expect.NeedsReview, "NMDS (DUO:0000015)" },
        { "RS needs review", [Hmb], null, false, [Hmb, Rs], null, Expect.NeedsReview, "RS (DUO:0000012)" },
        { "a dataset without a permission needs review", [Hmb], null, false, [Irb], null, Expect.NeedsReview, "no data-use permission" },
        { "a dataset with two permissions needs review", [Hmb], null, false, [Hmb, Gru], null, Expect.NeedsReview, "several data-use permissions" },
        { "an unknown dataset code needs review", [Hmb], null, false, [Hmb, "DUO:0000999"], null, Expect.NeedsReview, "unknown DUO code DUO:0000999" },
        { "a purpose without DUO terms needs review", [], null, false, [Gru], null, Expect.NeedsReview, "names no DUO term" },
        { "a modifier is not a research purpose", [Ncu], null, false, [Gru], null, Expect.NeedsReview, "NCU (DUO:0000046) is not a research purpose" },
        { "a refusal wins over a review", [Hmb], null, true, [Hmb, Ncu, Col], null, Expect.NoMatch, "NCU" },
        { "codes are matched ignoring case and spaces", [" duo:0000006"], null, false, ["duo:0000042 "], null, Expect.Match, "" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void the_duo_rules_decide_or_hand_over_to_a_steward(
        string rule, string[] purposeCodes, string? disease, bool commercial, string[] datasetCodes, string? datasetDisease,
        Expect expected, string named)
    {
        var result = DuoMatcher.Match(new ResearchPurpose(purposeCodes, disease, commercial, null), new DatasetUse(datasetCodes, datasetDisease));

        var (kind, words) = result switch
        {
            DuoMatchResult.Match m => (Expect.Match, string.Join("; ", m.Notes)),
            DuoMatchResult.NoMatch n => (Expect.NoMatch, n.Reason),
            DuoMatchResult.NeedsReview r => (Expect.NeedsReview, string.Join("; ", r.Reasons)),
            _ => throw new InvalidOperationException(rule),
        };
        kind.ShouldBe(expected, rule);
        words.ShouldContain(named, Case.Sensitive, rule);
    }

    [Fact]
    public void no_purpose_at_all_needs_review() =>
        DuoMatcher.Match(null, new DatasetUse([Gru])).ShouldBeOfType<DuoMatchResult.NeedsReview>()
            .Reasons.ShouldBe(["the research purpose names no DUO term"]);

    [Fact]
    public void a_plain_match_has_no_notes() =>
        DuoMatcher.Match(new ResearchPurpose([Hmb], null, false, null), new DatasetUse([Hmb]))
            .ShouldBeOfType<DuoMatchResult.Match>().Notes.ShouldBeEmpty();

    [Fact]
    public void every_term_has_an_english_and_a_danish_label_and_an_explanation()
    {
        DuoTerms.All.Count.ShouldBe(22);
        DuoTerms.All.Select(t => t.Code).ShouldBeUnique();
        DuoTerms.All.ShouldAllBe(t => DuoTerms.IsWellFormed(t.Code) && t.Label != "" && t.LabelDa != "" && t.Explanation.EndsWith('.'));
        DuoTerms.All.Count(t => t.Kind == DuoTermKind.Permission).ShouldBe(5);
    }

}
