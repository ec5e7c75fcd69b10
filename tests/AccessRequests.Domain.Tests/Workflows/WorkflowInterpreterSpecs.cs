using System.Text.Json.Nodes;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Duo.DuoTerms;

namespace AccessRequests.Domain.Tests.Workflows;

public class WorkflowInterpreterSpecs
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    // ethics (when IRB), affiliation (automatic), purpose, terms in parallel; dac after the first three (2 approvals, chair decides).
    private static readonly WorkflowDefinition Ngc = Parse(WorkflowJson.Valid());

    private static readonly DatasetFacts WgsWithIrb = new("ngc-wgs", "ngc-dac", [Hmb, Irb]);
    private static readonly DatasetFacts Registry = new("registry", "ngc-dac", [Hmb]);
    private static readonly DatasetFacts Biobank = new("biobank", "biobank-dac", [Gru]);

    private static readonly WorkflowFacts Submitted = new()
    {
        AsOf = Today,
        Datasets = [WgsWithIrb],
        Purpose = new ResearchPurpose([Hmb], null, false, "Inherited causes of bowel cancer."),
        Ethics = new EthicsFacts(EthicsStatus.Recorded, Today.AddYears(2)),
        Affiliation = new AffiliationFacts(AffiliationStatus.Declared, []),
        TermsAcceptedByEveryone = true,
    };

    private static readonly WorkflowFacts ChecksPassed = Submitted with
    {
        Ethics = Submitted.Ethics with { Status = EthicsStatus.Verified },
        Affiliation = Submitted.Affiliation with { Status = AffiliationStatus.Verified },
    };

    private static DacFacts Dac(string id, DacDecision? decision = null, params DacVote[] votes) =>
        new(id, 5, votes.Select((v, i) => (v, i)).ToDictionary(x => $"member-{x.i}", x => x.v), decision);

    [Fact]
    public void steps_without_after_are_open_at_once_and_the_review_waits_for_them()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, Submitted with { Purpose = null, TermsAcceptedByEveryone = false });

        progress.Open.Select(s => s.StepId).ShouldBe(["ethics", "affiliation", "purpose", "terms"]);
        progress.Step("dac").ShouldSatisfyAllConditions(
            dac => dac.Status.ShouldBe(StepStatus.Waiting),
            dac => dac.Detail.ShouldBe("waits for ethics, affiliation, purpose"));
        progress.Outcome.ShouldBe(WorkflowOutcome.InProgress);
    }

    [Fact]
    public void a_step_waits_until_every_step_before_it_has_passed()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, Submitted with { Ethics = Submitted.Ethics with { Status = EthicsStatus.Verified } });

        progress.Step("ethics").Status.ShouldBe(StepStatus.Passed);
        progress.Step("purpose").Status.ShouldBe(StepStatus.Passed);
        progress.Step("dac").ShouldSatisfyAllConditions(
            dac => dac.Status.ShouldBe(StepStatus.Waiting),
            dac => dac.Detail.ShouldBe("waits for affiliation"));
    }

    [Fact]
    public void the_review_opens_for_the_datasets_dac_when_the_checks_have_passed()
    {
        var dac = WorkflowInterpreter.Evaluate(Ngc, ChecksPassed).Step("dac");

        dac.Status.ShouldBe(StepStatus.Open);
        dac.Actors.ShouldBe(["dac:ngc-dac"]);
        dac.Reviews.Single().ShouldBeByValue(new DacReviewProgress("ngc-dac", ["ngc-wgs"], ReviewOutcome.Pending, 0, 0, 0, EnoughApprovals: false));
    }

    [Fact]
    public void steps_say_who_acts_on_them()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, Submitted);

        progress.Steps.Select(s => (s.StepId, string.Join(",", s.Actors))).ShouldBe([
            ("ethics", "role:steward"), ("affiliation", "role:steward"), ("purpose", "role:steward"),
            ("dac", "dac:ngc-dac"), ("terms", "role:applicant")]);
    }

    [Fact]
    public void a_step_whose_when_holds_for_no_dataset_is_skipped_and_does_not_hold_up_the_review()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with { Datasets = [Registry], Ethics = EthicsFacts.None });

        progress.Step("ethics").Status.ShouldBe(StepStatus.Skipped);
        progress.Step("dac").Status.ShouldBe(StepStatus.Open);
    }

    [Fact]
    public void a_step_applies_when_any_dataset_of_the_application_satisfies_its_when()
    {
        var ethics = WorkflowInterpreter.Evaluate(Ngc, Submitted with { Datasets = [Registry, WgsWithIrb] }).Step("ethics");

        ethics.Status.ShouldBe(StepStatus.Open);
        ethics.DatasetIds.ShouldBe(["ngc-wgs"]);
    }

    [Fact]
    public void a_rejected_check_fails_the_step_and_the_workflow()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, Submitted with { Ethics = Submitted.Ethics with { Status = EthicsStatus.Rejected } });

        progress.Step("ethics").Status.ShouldBe(StepStatus.Failed);
        progress.Step("dac").Status.ShouldBe(StepStatus.Waiting);
        progress.Outcome.ShouldBe(WorkflowOutcome.Failed);
    }

    [Fact]
    public void a_verified_ethics_approval_ending_too_soon_fails()
    {
        var facts = ChecksPassed with { Ethics = new EthicsFacts(EthicsStatus.Verified, Today.AddDays(29)) };

        WorkflowInterpreter.Evaluate(Ngc, facts).Step("ethics").ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(StepStatus.Failed),
            e => e.Detail.ShouldBe("the ethics approval was verified, but it is valid until 2026-03-31, less than 30 days after 2026-03-02"));
    }

    [Fact]
    public void an_ethics_approval_valid_exactly_long_enough_passes() =>
        WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with { Ethics = new EthicsFacts(EthicsStatus.Verified, Today.AddDays(30)) })
            .Step("ethics").Status.ShouldBe(StepStatus.Passed);

    [Theory]
    [InlineData("staff@ku.dk", StepStatus.Passed)]
    [InlineData("Faculty@au.dk", StepStatus.Passed)]
    [InlineData("student@ku.dk", StepStatus.Open)]
    public void the_affiliation_passes_automatically_when_the_federation_vouches_for_an_accepted_one(string claim, StepStatus expected) =>
        WorkflowInterpreter.Evaluate(Ngc, Submitted with { Affiliation = new AffiliationFacts(AffiliationStatus.Declared, [claim]) })
            .Step("affiliation").Status.ShouldBe(expected);

    [Fact]
    public void federated_claims_do_not_count_where_the_workflow_does_not_allow_it()
    {
        var manual = Parse(WorkflowJson.Valid().With(w => w.Settings("affiliation")["automaticFromFederatedClaims"] = false));

        WorkflowInterpreter.Evaluate(manual, Submitted with { Affiliation = new AffiliationFacts(AffiliationStatus.Declared, ["staff@ku.dk"]) })
            .Step("affiliation").Status.ShouldBe(StepStatus.Open);
    }

    [Fact]
    public void a_steward_rejection_outweighs_the_federations_claims() =>
        WorkflowInterpreter.Evaluate(Ngc, Submitted with { Affiliation = new AffiliationFacts(AffiliationStatus.Rejected, ["staff@ku.dk"]) })
            .Step("affiliation").Status.ShouldBe(StepStatus.Failed);

    [Fact]
    public void a_purpose_the_duo_rules_forbid_fails_naming_the_dataset() =>
        WorkflowInterpreter.Evaluate(Ngc, Submitted with { Purpose = new ResearchPurpose([Poa], null, false, null) })
            .Step("purpose").ShouldSatisfyAllConditions(
                p => p.Status.ShouldBe(StepStatus.Failed),
                p => p.Detail.ShouldStartWith("the research purpose does not fit: ngc-wgs: POA (DUO:0000011) research is not covered"));

    [Fact]
    public void a_purpose_the_rules_cannot_decide_waits_for_a_steward_who_settles_it()
    {
        var facts = Submitted with { Datasets = [new DatasetFacts("cohort", "ngc-dac", [Hmb, Col])] };

        WorkflowInterpreter.Evaluate(Ngc, facts).Step("purpose").ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(StepStatus.Open),
            p => p.Detail.ShouldContain("cohort: COL (DUO:0000020)"));
        WorkflowInterpreter.Evaluate(Ngc, facts with { PurposeReview = StewardVerdict.Accepted }).Step("purpose").Status.ShouldBe(StepStatus.Passed);
        WorkflowInterpreter.Evaluate(Ngc, facts with { PurposeReview = StewardVerdict.Rejected }).Step("purpose").Status.ShouldBe(StepStatus.Failed);
    }

    [Fact]
    public void a_steward_cannot_accept_a_purpose_the_rules_forbid() =>
        WorkflowInterpreter.Evaluate(Ngc, Submitted with { Purpose = new ResearchPurpose([Poa], null, false, null), PurposeReview = StewardVerdict.Accepted })
            .Step("purpose").Status.ShouldBe(StepStatus.Failed);

    [Fact]
    public void terms_not_accepted_by_everyone_keep_the_step_open_for_the_applicants() =>
        WorkflowInterpreter.Evaluate(Ngc, Submitted with { TermsAcceptedByEveryone = false }).Step("terms").Status.ShouldBe(StepStatus.Open);

    [Fact]
    public void the_workflow_is_complete_when_every_step_that_applies_has_passed()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with { Dacs = [Dac("ngc-dac", DacDecision.Approve, DacVote.Approve, DacVote.Approve)] });

        progress.Outcome.ShouldBe(WorkflowOutcome.Complete);
        progress.Step("dac").Reviews.Single().ShouldBeByValue(
            new DacReviewProgress("ngc-dac", ["ngc-wgs"], ReviewOutcome.Approved, 2, 0, 0, EnoughApprovals: true));
    }

    [Fact]
    public void the_chair_may_approve_only_after_enough_approvals_and_the_votes_alone_do_not_decide()
    {
        var review = WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with { Dacs = [Dac("ngc-dac", null, DacVote.Approve, DacVote.Reject, DacVote.Abstain)] })
            .Step("dac").Reviews.Single();

        review.ShouldBeByValue(new DacReviewProgress("ngc-dac", ["ngc-wgs"], ReviewOutcome.Pending, 1, 1, 1, EnoughApprovals: false));
    }

    [Fact]
    public void two_dacs_review_their_own_datasets()
    {
        var dac = WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with
        {
            Datasets = [WgsWithIrb, Biobank, Registry],
            Dacs = [Dac("biobank-dac", DacDecision.Approve, DacVote.Approve, DacVote.Approve)],
        }).Step("dac");

        dac.Actors.ShouldBe(["dac:ngc-dac", "dac:biobank-dac"]);
        dac.Reviews.Select(r => (r.DacId, string.Join(",", r.DatasetIds), r.Outcome)).ShouldBe([
            ("ngc-dac", "ngc-wgs,registry", ReviewOutcome.Pending),
            ("biobank-dac", "biobank", ReviewOutcome.Approved)]);
        dac.Status.ShouldBe(StepStatus.Open);
        dac.Detail.ShouldBe("approved by biobank-dac; awaiting ngc-dac");
    }

    [Fact]
    public void one_dac_approving_and_another_rejecting_is_a_partial_approval()
    {
        var progress = WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with
        {
            Datasets = [WgsWithIrb, Biobank],
            Dacs = [Dac("ngc-dac", DacDecision.Reject), Dac("biobank-dac", DacDecision.Approve, DacVote.Approve, DacVote.Approve)],
        });

        progress.Step("dac").Status.ShouldBe(StepStatus.Passed);
        progress.Step("dac").Detail.ShouldBe("approved by biobank-dac; rejected by ngc-dac");
        progress.Outcome.ShouldBe(WorkflowOutcome.Complete);
    }

    [Fact]
    public void every_dac_rejecting_fails_the_review() =>
        WorkflowInterpreter.Evaluate(Ngc, ChecksPassed with { Dacs = [Dac("ngc-dac", DacDecision.Reject)] })
            .Outcome.ShouldBe(WorkflowOutcome.Failed);

    [Theory]
    [InlineData(new[] { DacVote.Approve, DacVote.Approve }, ReviewOutcome.Approved)]
    [InlineData(new[] { DacVote.Approve, DacVote.Reject }, ReviewOutcome.Pending)]
    [InlineData(new[] { DacVote.Approve, DacVote.Reject, DacVote.Abstain }, ReviewOutcome.Rejected)]
    public void without_a_deciding_chair_the_votes_decide(DacVote[] votes, ReviewOutcome expected)
    {
        var byVotes = Parse(WorkflowJson.Valid().With(w => w.Settings("dac")["chairDecides"] = false));
        var facts = ChecksPassed with { Dacs = [new DacFacts("ngc-dac", 3, votes.Select((v, i) => (v, i)).ToDictionary(x => $"m{x.i}", x => x.v))] };

        WorkflowInterpreter.Evaluate(byVotes, facts).Step("dac").Reviews.Single().Outcome.ShouldBe(expected);
    }

    [Fact]
    public void an_automatic_workflow_is_complete_once_its_steps_pass()
    {
        var registered = Parse(JsonNode.Parse("""
            { "id": "registered-access", "version": 1, "title": { "en": "Registered", "da": "Registreret" }, "decision": "automatic",
              "steps": [ { "id": "affiliation", "type": "institution-affiliation", "settings": { "automaticFromFederatedClaims": true } },
                         { "id": "terms", "type": "terms-accepted" } ],
              "grant": { "maxDays": 365 }, "deadlines": { "decisionDays": 30 } }
            """)!.AsObject());

        WorkflowInterpreter.Evaluate(registered, Submitted with { Affiliation = new AffiliationFacts(AffiliationStatus.None, ["member@sdu.dk"]) })
            .Outcome.ShouldBe(WorkflowOutcome.Complete);
    }

    [Fact]
    public void every_combination_of_facts_has_an_answer_and_complete_means_nothing_is_left()
    {
        var combinations =
            from ethics in Enum.GetValues<EthicsStatus>()
            from affiliation in Enum.GetValues<AffiliationStatus>()
            from verdict in Enum.GetValues<StewardVerdict>()
            from decision in new DacDecision?[] { null, DacDecision.Approve, DacDecision.Reject }
            from terms in new[] { true, false }
            from datasets in new[] { Array.Empty<DatasetFacts>(), [Registry], [WgsWithIrb, Biobank] }
            select new WorkflowFacts
            {
                AsOf = Today,
                Datasets = datasets,
                Ethics = new EthicsFacts(ethics, ethics == EthicsStatus.None ? null : Today.AddDays(10)),
                Affiliation = new AffiliationFacts(affiliation, []),
                PurposeReview = verdict,
                Dacs = [Dac("ngc-dac", decision), Dac("biobank-dac", decision)],
                TermsAcceptedByEveryone = terms,
            };

        foreach (var facts in combinations)
        {
            var progress = WorkflowInterpreter.Evaluate(Ngc, facts);
            progress.Steps.Count.ShouldBe(5);
            if (progress.Outcome == WorkflowOutcome.Complete)
                progress.Steps.ShouldAllBe(s => s.Status == StepStatus.Passed || s.Status == StepStatus.Skipped);
            if (progress.Steps.Any(s => s.Status == StepStatus.Failed))
                progress.Outcome.ShouldBe(WorkflowOutcome.Failed);
        }
    }

    private static WorkflowDefinition Parse(JsonObject json) =>
        WorkflowParser.Parse("test.v1.json", json.ToJsonString()).ShouldBeOfType<WorkflowParseResult.Valid>().Definition;
}
