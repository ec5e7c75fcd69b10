using System.Text.Json.Nodes;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Tests.Workflows;

public class WorkflowParserSpecs
{
    [Fact]
    public void the_design_sketch_parses_into_its_definition()
    {
        var definition = WorkflowParser.Parse(WorkflowJson.FileName, WorkflowJson.Valid().ToJsonString())
            .ShouldBeOfType<WorkflowParseResult.Valid>().Definition;

        definition.ShouldSatisfyAllConditions(
            () => definition.Id.ShouldBe("ngc-controlled-access"),
            () => definition.Version.ShouldBe(1),
            () => definition.Title.ShouldBe(new LocalizedText("Controlled access to NGC genome data", "Kontrolleret adgang til NGC genomdata")),
            () => definition.Decision.ShouldBe(DecisionMode.Committee),
            () => definition.Steps.Select(s => s.Type).ShouldBe(
                ["ethics-approval", "institution-affiliation", "duo-match", "dac-review", "terms-accepted"]),
            () => definition.Steps[0].When.ShouldBe(new StepCondition.DatasetHasDuo("DUO:0000021")),
            () => definition.Steps[0].Settings.ShouldBe(new StepSettings.EthicsApproval(30)),
            () => definition.Steps[1].Settings.ShouldBeOfType<StepSettings.InstitutionAffiliation>()
                .AcceptedAffiliations.ShouldBe(["member", "faculty", "staff", "employee"]),
            () => definition.Steps[3].Settings.ShouldBe(new StepSettings.DacReview(2, ChairDecides: true)),
            () => definition.Steps[3].After.ShouldBe(["ethics", "affiliation", "purpose"]),
            () => definition.Steps.Select(s => s.AssignTo).ShouldBe(
                [StepAssignee.DataStewards, StepAssignee.DataStewards, StepAssignee.DataStewards, StepAssignee.DatasetDac, StepAssignee.Applicants]),
            () => definition.Grant.ShouldBe(new GrantPolicy(365, EndNoLaterThanEthicsApproval: true)),
            () => definition.Deadlines.ShouldBe(new DeadlinePolicy(90, PauseWhileReturned: true, RemindDaysBefore: 14, CompletionDays: null)));
    }

    [Fact]
    public void invalid_json_is_refused_saying_where()
    {
        var problems = WorkflowJson.Problems("broken.v1.json", "{\n  \"id\": \"broken\",\n  \"version\": 1,,\n}");

        problems.ShouldBeOne("invalid JSON at line 3, position 16: ',' is an invalid start of a property name. Expected a '\"'.", "broken.v1.json");
    }

    [Fact]
    public void a_file_that_is_not_an_object_is_refused() =>
        WorkflowJson.Problems("list.v1.json", "[]").ShouldBeOne("the file must hold one JSON object, not []", "list.v1.json");

    [Fact]
    public void a_missing_id_is_refused() =>
        WorkflowJson.Valid().With(w => w.Remove("id")).Problems().ShouldBeOne("\"id\" is missing");

    [Theory]
    [InlineData("NGC")]
    [InlineData("-ngc")]
    [InlineData("ngc_controlled")]
    public void an_id_outside_the_pattern_is_refused(string id) =>
        WorkflowJson.Valid().With(w => w["id"] = id).Problems()
            .ShouldBeOne($"\"id\" must match ^[a-z0-9][a-z0-9-]{{0,62}}$ (lower-case letters, digits and hyphens), not \"{id}\"");

    [Fact]
    public void an_id_longer_than_63_characters_is_refused() =>
        WorkflowJson.Valid().With(w => w["id"] = new string('a', 64)).Problems().Single().Message.ShouldStartWith("\"id\" must match");

    [Fact]
    public void a_missing_version_is_refused() =>
        WorkflowJson.Valid().With(w => w.Remove("version")).Problems().ShouldBeOne("\"version\" is missing");

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1.5", "1.5")]
    [InlineData("\"1\"", "\"1\"")]
    public void a_version_that_is_not_a_whole_number_from_1_is_refused(string json, string shown) =>
        WorkflowJson.Valid().With(w => w["version"] = JsonNode.Parse(json)).Problems()
            .ShouldBeOne($"\"version\" must be a whole number from 1 to 2147483647, not {shown}")
            .Path.ShouldBe("version");

    [Theory]
    [InlineData("en")]
    [InlineData("da")]
    public void a_title_without_both_languages_is_refused(string language) =>
        WorkflowJson.Valid().With(w => w["title"]!.AsObject().Remove(language)).Problems()
            .ShouldBeOne($"\"title\" has no \"{language}\" text (titles need English and Danish)");

    [Fact]
    public void an_unknown_key_is_refused_so_typos_do_not_pass_silently() =>
        WorkflowJson.Valid().With(w => w["deadline"] = 90).Problems()
            .ShouldBeOne("unknown \"deadline\" (known: $schema, id, version, title, decision, steps, grant, deadlines)");

    [Fact]
    public void a_schema_reference_is_allowed_for_editors() =>
        WorkflowJson.Valid().With(w => w["$schema"] = "./workflow.schema.json").Problems().ShouldBeEmpty();

    [Fact]
    public void an_unknown_step_type_is_refused_naming_the_known_ones() =>
        WorkflowJson.Valid().With(w => w.Step("dac")["type"] = "dac-reveiw").Problems()
            .ShouldBeOne("step \"dac\": unknown step type \"dac-reveiw\" (known: ethics-approval, institution-affiliation, duo-match, dac-review, terms-accepted)")
            .Path.ShouldBe("steps[3].type");

    [Fact]
    public void a_duplicate_step_id_is_refused() =>
        WorkflowJson.Valid().With(w => w.Step("terms")["id"] = "purpose").Problems()
            .Select(p => p.ToString()).ShouldContain($"{WorkflowJson.FileName}: step \"purpose\": duplicate step id \"purpose\" (steps[2] has it too)");

    [Fact]
    public void two_steps_of_one_type_are_refused() =>
        WorkflowJson.Valid().With(w => w["steps"]!.AsArray().Add(new JsonObject { ["id"] = "purpose-again", ["type"] = "duo-match" }))
            .Problems().ShouldBeOne("step \"purpose-again\": step \"purpose\" is already the duo-match; a workflow has at most one step of each type");

    [Fact]
    public void after_naming_a_missing_step_is_refused() =>
        WorkflowJson.Valid().With(w => w.Step("dac")["after"] = new JsonArray("ethics", "affilation")).Problems()
            .ShouldBeOne("step \"dac\": \"after\" names \"affilation\", which is not a step in this workflow (steps: ethics, affiliation, purpose, dac, terms)");

    [Fact]
    public void a_cycle_in_after_is_refused_naming_the_steps() =>
        WorkflowJson.Valid()
            .With(w => w.Step("ethics")["after"] = new JsonArray("terms"))
            .With(w => w.Step("terms")["after"] = new JsonArray("dac"))
            .Problems()
            .ShouldBeOne("step \"ethics\": steps \"ethics\", \"terms\", \"dac\" wait for each other in a cycle: " +
                "ethics → terms → dac → ethics (each waits for the next)");

    [Fact]
    public void a_step_waiting_for_itself_is_refused() =>
        WorkflowJson.Valid().With(w => w.Step("purpose")["after"] = new JsonArray("purpose")).Problems()
            .ShouldBeOne("step \"purpose\": \"after\" names the step itself: purpose → purpose");

    [Fact]
    public void two_separate_cycles_are_both_named()
    {
        var problems = WorkflowJson.Valid()
            .With(w => w.Step("ethics")["after"] = new JsonArray("affiliation"))
            .With(w => w.Step("affiliation")["after"] = new JsonArray("ethics"))
            .With(w => w.Step("terms")["after"] = new JsonArray("purpose"))
            .With(w => w.Step("purpose")["after"] = new JsonArray("terms"))
            .Problems();

        problems.Select(p => p.Message).ShouldBe([
            "step \"ethics\": steps \"ethics\", \"affiliation\" wait for each other in a cycle: ethics → affiliation → ethics (each waits for the next)",
            "step \"purpose\": steps \"purpose\", \"terms\" wait for each other in a cycle: purpose → terms → purpose (each waits for the next)",
        ]);
    }

    [Theory]
    [InlineData("ethics", "minRemainingValidityDays", "-1", "step \"ethics\": setting \"minRemainingValidityDays\" must be a whole number from 0 to 3650, not -1")]
    [InlineData("ethics", "minRemainingValidityDays", "\"30\"", "step \"ethics\": setting \"minRemainingValidityDays\" must be a whole number from 0 to 3650, not \"30\"")]
    [InlineData("affiliation", "automaticFromFederatedClaims", "\"yes\"", "step \"affiliation\": setting \"automaticFromFederatedClaims\" must be true or false, not \"yes\"")]
    [InlineData("affiliation", "acceptedAffiliations", "\"staff\"", "step \"affiliation\": setting \"acceptedAffiliations\" must be a list of non-empty strings, not \"staff\"")]
    [InlineData("affiliation", "acceptedAffiliations", "[\"staf\"]", "step \"affiliation\": setting \"acceptedAffiliations\" has \"staf\", which is not an eduPersonAffiliation (faculty, student, staff, alum, member, affiliate, employee, library-walk-in)")]
    [InlineData("affiliation", "acceptedAffiliations", "[]", "step \"affiliation\": setting \"acceptedAffiliations\" is empty; leave it out for the default")]
    [InlineData("dac", "approvalsRequired", "0", "step \"dac\": setting \"approvalsRequired\" must be a whole number from 1 to 100, not 0")]
    [InlineData("dac", "chairDecides", "1", "step \"dac\": setting \"chairDecides\" must be true or false, not 1")]
    public void a_setting_of_the_wrong_type_or_out_of_range_is_refused(string step, string setting, string json, string message) =>
        WorkflowJson.Valid().With(w => w.Settings(step)[setting] = JsonNode.Parse(json)).Problems()
            .ShouldBeOne(message).Path.ShouldEndWith($".settings.{setting}");

    [Fact]
    public void an_unknown_setting_is_refused_naming_the_known_ones() =>
        WorkflowJson.Valid().With(w => w.Settings("dac")["approvalsNeeded"] = 2).Problems()
            .ShouldBeOne("step \"dac\": unknown setting \"approvalsNeeded\" for dac-review (known: approvalsRequired, chairDecides)");

    [Fact]
    public void a_setting_on_a_step_type_without_settings_is_refused() =>
        WorkflowJson.Valid().With(w => w.Settings("purpose")["strict"] = true).Problems()
            .ShouldBeOne("step \"purpose\": duo-match has no settings, but \"strict\" is given");

    [Fact]
    public void settings_left_out_take_their_defaults()
    {
        var json = WorkflowJson.Valid().With(w => w.Step("affiliation").Remove("settings")).With(w => w.Step("dac").Remove("settings"));
        var definition = WorkflowParser.Parse(WorkflowJson.FileName, json.ToJsonString()).ShouldBeOfType<WorkflowParseResult.Valid>().Definition;

        definition.Steps[1].Settings.ShouldBeOfType<StepSettings.InstitutionAffiliation>().AutomaticFromFederatedClaims.ShouldBeFalse();
        definition.Steps[3].Settings.ShouldBe(new StepSettings.DacReview(ApprovalsRequired: 1, ChairDecides: true));
    }

    [Theory]
    [InlineData("IRB", "step \"ethics\": \"when.datasetHasDuo\" must be a DUO code like DUO:0000021, not \"IRB\"")]
    [InlineData("DUO:21", "step \"ethics\": \"when.datasetHasDuo\" must be a DUO code like DUO:0000021, not \"DUO:21\"")]
    [InlineData("DUO:0000999", "step \"ethics\": \"when.datasetHasDuo\" is DUO:0000999, which is not a DUO term this service knows")]
    public void a_bad_duo_code_in_when_is_refused(string code, string message) =>
        WorkflowJson.Valid().With(w => w.Step("ethics")["when"] = new JsonObject { ["datasetHasDuo"] = code }).Problems()
            .ShouldBeOne(message);

    [Fact]
    public void an_unknown_condition_in_when_is_refused() =>
        WorkflowJson.Valid().With(w => w.Step("ethics")["when"] = new JsonObject { ["datasetHasDuo"] = "DUO:0000021", ["applicantIs"] = "x" })
            .Problems().ShouldBeOne("step \"ethics\": unknown condition \"applicantIs\" in \"when\" (known: datasetHasDuo)");

    [Fact]
    public void an_unknown_assignee_is_refused() =>
        WorkflowJson.Valid().With(w => w.Step("ethics")["assignTo"] = "stewards").Problems()
            .ShouldBeOne("step \"ethics\": \"assignTo\" must be \"data-stewards\" or \"dataset-dac\", not \"stewards\"");

    [Fact]
    public void a_dac_review_cannot_be_assigned_to_stewards() =>
        WorkflowJson.Valid().With(w => w.Step("dac")["assignTo"] = "data-stewards").Problems()
            .ShouldBeOne("step \"dac\": a dac-review is done by the datasets' DACs; \"assignTo\" must be \"dataset-dac\"");

    [Fact]
    public void an_automatic_decision_with_a_dac_review_is_refused() =>
        WorkflowJson.Valid().With(w => w["decision"] = "automatic").Problems()
            .ShouldBeOne("\"decision\" is \"automatic\" but step \"dac\" is a dac-review; remove one of them");

    [Fact]
    public void a_committee_decision_without_a_dac_review_is_refused() =>
        WorkflowJson.Valid().With(w => w["steps"]!.AsArray().Remove(w.Step("dac"))).Problems()
            .ShouldBeOne("no step is a dac-review, so no one would decide; add one or set \"decision\": \"automatic\"");

    [Fact]
    public void a_reminder_after_the_deadline_is_refused() =>
        WorkflowJson.Valid().With(w => w["deadlines"]!["remindDaysBefore"] = 90).Problems()
            .ShouldBeOne("deadlines: \"remindDaysBefore\" (90) must be less than \"decisionDays\" (90)");

    [Fact]
    public void missing_grant_and_deadline_limits_are_refused() =>
        WorkflowJson.Valid().With(w => w["grant"]!.AsObject().Remove("maxDays")).With(w => w["deadlines"]!.AsObject().Remove("decisionDays"))
            .Problems().Select(p => p.ToString()).ShouldBe([
                $"{WorkflowJson.FileName}: grant: \"maxDays\" is missing",
                $"{WorkflowJson.FileName}: deadlines: \"decisionDays\" is missing",
            ]);

    [Fact]
    public void a_workflow_without_steps_is_refused() =>
        WorkflowJson.Valid().With(w => w["steps"] = new JsonArray()).Problems()
            .ShouldBeOne("\"steps\" is empty; a workflow needs at least one step");

    [Fact]
    public void every_problem_in_a_file_is_reported_at_once() =>
        WorkflowJson.Valid()
            .With(w => w["version"] = 0)
            .With(w => w.Step("purpose")["type"] = "purpose-check")
            .With(w => w.Settings("dac")["approvalsRequired"] = 0)
            .Problems().Count.ShouldBe(3);
}
