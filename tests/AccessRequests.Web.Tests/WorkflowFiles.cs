using System.Net;
using System.Text.RegularExpressions;

namespace AccessRequests.Web.Tests;

/// <summary>Starting with other workflow folders: a broken file stops the service; a new version leaves old applications alone.</summary>
public abstract partial class WorkflowFiles(ServiceFixture fixture) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "accessrequests-workflows", Guid.NewGuid().ToString("N"));

    private static string Shipped(string file) => Path.Combine(AppContext.BaseDirectory, "workflows", file);

    private ServiceFactory StartWith(params (string Name, string Json)[] files)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, json) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), json);
        }
        return fixture.NewInstance(settings: new Dictionary<string, string> { ["AccessRequests:Workflows:Directory"] = folder });
    }

    [Fact]
    public void a_broken_workflow_file_stops_the_service_naming_the_file_and_the_problem()
    {
        var broken = File.ReadAllText(Shipped("ngc-controlled-access.v1.json")).Replace("\"dac-review\"", "\"dac-reveiw\"");
        using var service = StartWith(("ngc-controlled-access.v1.json", broken), ("registered-access.v1.json", File.ReadAllText(Shipped("registered-access.v1.json"))));
        var failure = Should.Throw<Exception>(() => service.CreateClient());
        failure.ToString().ShouldContain("ngc-controlled-access.v1.json");
        failure.ToString().ShouldContain("dac-reveiw");
    }

    [Fact]
    public async Task version_2_of_a_workflow_leaves_applications_on_version_1_untouched()
    {
        var researcher = await fixture.Service.ClientFor("researcher");
        var onVersion1 = await researcher.SubmittedApplication();

        var v1 = File.ReadAllText(Shipped("ngc-controlled-access.v1.json"));
        var v2 = ApprovalsRequired().Replace(v1.Replace("\"version\": 1", "\"version\": 2"), "\"approvalsRequired\": 1");
        await using var service = StartWith(
            ("ngc-controlled-access.v1.json", v1), ("ngc-controlled-access.v2.json", v2),
            ("registered-access.v1.json", File.ReadAllText(Shipped("registered-access.v1.json"))),
            ("ehds-data-permit.v1.json", File.ReadAllText(Shipped("ehds-data-permit.v1.json"))));

        var anyone = service.CreateClient();
        (await anyone.Get("/api/workflows")).EnumerateArray().Count(w => w.GetProperty("id").GetString() == "ngc-controlled-access").ShouldBe(2);

        var applicant = await service.ClientFor("researcher");
        var steward = await service.ClientFor("steward");
        var member = await service.ClientFor("dac-member-1");
        var chair = await service.ClientFor("dac-chair");
        var onVersion2 = await applicant.SubmittedApplication();
        foreach (var id in new[] { onVersion1, onVersion2 })
        {
            await steward.Command(id, "verify-ethics").Ok();
            await member.Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }

        (await applicant.Get($"/api/applications/{onVersion2}")).GetProperty("review").GetProperty("policies")[0].GetProperty("workflowVersion").GetInt32().ShouldBe(2);
        await chair.Command(onVersion2, "decide", new { dacId = "ngc-dac", decision = "approve" }).Ok();
        (await chair.Command(onVersion1, "decide", new { dacId = "ngc-dac", decision = "approve" }).Problem(HttpStatusCode.Conflict))
            .GetProperty("rule").GetString().ShouldBe("decide.not-enough-approvals", "version 1 still asks for two approvals");
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("\"approvalsRequired\": *2")]
    private static partial Regex ApprovalsRequired();
}

public sealed class WorkflowFilesOnSqlite(SqliteServiceFixture fixture) : WorkflowFiles(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class WorkflowFilesOnPostgres(PostgresServiceFixture fixture) : WorkflowFiles(fixture), IClassFixture<PostgresServiceFixture>;
