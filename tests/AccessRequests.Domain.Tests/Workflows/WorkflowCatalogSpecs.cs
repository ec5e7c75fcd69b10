using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Tests.Workflows;

public class WorkflowCatalogSpecs
{
    private static WorkflowFile File(string fileName, string id = "ngc-controlled-access", int version = 1) =>
        new(fileName, WorkflowJson.Valid().With(w => w["id"] = id).With(w => w["version"] = version).ToJsonString());

    [Fact]
    public void valid_files_load_and_are_found_by_id_and_version()
    {
        var catalog = WorkflowCatalog.Load([File("ngc-controlled-access.v1.json"), File("ngc-controlled-access.v2.json", version: 2)]);

        catalog.IsValid.ShouldBeTrue();
        catalog.Find("ngc-controlled-access", 1)!.Version.ShouldBe(1);
        catalog.Latest("ngc-controlled-access")!.Version.ShouldBe(2);
        catalog.Find("ngc-controlled-access", 3).ShouldBeNull();
    }

    [Fact]
    public void a_file_named_differently_from_its_id_and_version_is_refused() =>
        WorkflowCatalog.Load([File("ngc.json")]).Problems.ShouldBeOne(
            "the file must be named \"ngc-controlled-access.v1.json\" after its id \"ngc-controlled-access\" and version 1", "ngc.json");

    [Fact]
    public void a_file_whose_version_disagrees_with_its_name_is_refused() =>
        WorkflowCatalog.Load([File("ngc-controlled-access.v1.json", version: 2)]).Problems.ShouldBeOne(
            "the file must be named \"ngc-controlled-access.v2.json\" after its id \"ngc-controlled-access\" and version 2",
            "ngc-controlled-access.v1.json");

    [Fact]
    public void the_same_id_and_version_in_two_files_is_refused_naming_both()
    {
        var catalog = WorkflowCatalog.Load([File("ngc-controlled-access.v1.json"), File("copy/ngc-controlled-access.v1.json")]);

        catalog.Problems.ShouldBeOne(
            "workflow \"ngc-controlled-access\" version 1 is also defined in copy/ngc-controlled-access.v1.json",
            "ngc-controlled-access.v1.json");
        catalog.Definitions.Single().ShouldBe(catalog.Find("ngc-controlled-access", 1));
    }

    [Fact]
    public void a_broken_file_is_reported_and_left_out_while_the_others_load()
    {
        var catalog = WorkflowCatalog.Load([File("ngc-controlled-access.v1.json"), new WorkflowFile("broken.v1.json", "{")]);

        catalog.IsValid.ShouldBeFalse();
        catalog.Problems.Single().File.ShouldBe("broken.v1.json");
        catalog.Definitions.Select(d => d.Id).ShouldBe(["ngc-controlled-access"]);
    }
}
