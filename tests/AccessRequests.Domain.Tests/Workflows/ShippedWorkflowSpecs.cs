using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Tests.Workflows;

/// <summary>The files in the repository's workflows/ folder are what the service loads at start.</summary>
public class ShippedWorkflowSpecs
{
    private static readonly Lazy<WorkflowCatalog> Shipped = new(() =>
        WorkflowCatalog.Load(Directory.GetFiles(ShippedWorkflows.Folder(), "*.json")
            .Where(path => !path.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(path => new WorkflowFile(Path.GetFileName(path), File.ReadAllText(path)))));

    [Fact]
    public void every_shipped_workflow_file_is_valid() =>
        Shipped.Value.Problems.Select(p => p.ToString()).ShouldBeEmpty();

    [Fact]
    public void the_three_workflows_ship() =>
        Shipped.Value.Definitions.Select(d => d.Id).ShouldBe(
            ["ehds-data-permit", "ngc-controlled-access", "registered-access"], ignoreOrder: true);

    [Fact]
    public void ngc_controlled_access_needs_ethics_for_irb_datasets_and_two_dac_approvals()
    {
        var ngc = Shipped.Value.Find("ngc-controlled-access", 1)!;

        ngc.Steps.Single(s => s.Type == StepTypes.EthicsApproval).When.ShouldBe(new StepCondition.DatasetHasDuo("DUO:0000021"));
        ngc.Steps.Single(s => s.Type == StepTypes.DacReview).ShouldSatisfyAllConditions(
            dac => dac.Settings.ShouldBe(new StepSettings.DacReview(2, ChairDecides: true)),
            dac => dac.After.ShouldBe(["ethics", "affiliation", "purpose"]));
        ngc.Grant.ShouldBe(new GrantPolicy(365, EndNoLaterThanEthicsApproval: true));
        ngc.Deadlines.ShouldBe(new DeadlinePolicy(90, PauseWhileReturned: true, RemindDaysBefore: 14, CompletionDays: null));
    }

    [Fact]
    public void registered_access_is_decided_automatically_after_affiliation_and_terms()
    {
        var registered = Shipped.Value.Find("registered-access", 1)!;

        registered.Decision.ShouldBe(DecisionMode.Automatic);
        registered.Steps.Select(s => s.Type).ShouldBe([StepTypes.InstitutionAffiliation, StepTypes.TermsAccepted]);
    }

    [Fact]
    public void the_ehds_permit_has_the_statutory_three_months_and_a_completion_period() =>
        Shipped.Value.Find("ehds-data-permit", 1)!.Deadlines.ShouldSatisfyAllConditions(
            d => d.DecisionDays.ShouldBe(90),
            d => d.CompletionDays.ShouldBe(28));
}
