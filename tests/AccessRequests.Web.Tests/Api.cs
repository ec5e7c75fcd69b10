using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AccessRequests.Web.Tests;

/// <summary>The calls a test makes, spelled once.</summary>
public static class Api
{
    public const string Wgs = "ngc-gdb-wgs";
    public const string Phenotypes = "ngc-gdb-phenotypes";

    public static async Task<Guid> CreateApplication(this HttpClient client, params string[] datasetIds)
    {
        var answer = await client.PostAsJsonAsync("/api/applications", new { datasetIds });
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        return (await answer.Json()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> Command(this HttpClient client, Guid id, string command, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/{command}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body ?? new { }), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> RawCommand(this HttpClient client, Guid id, string command, string json) =>
        client.PostAsync($"/api/applications/{id}/{command}", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Runs the command and fails the test, showing the problem, unless it succeeds.</summary>
    public static async Task<JsonElement> Ok(this Task<HttpResponseMessage> call)
    {
        var answer = await call;
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage answer) =>
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> Get(this HttpClient client, string path)
    {
        var answer = await client.GetAsync(path);
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<List<string>> EventTypes(this HttpClient client, Guid id) =>
        [.. (await client.Get($"/api/applications/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    /// <summary>The problem's status and its <c>errors</c> keys (validation) or <c>rule</c> (domain).</summary>
    public static async Task<JsonElement> Problem(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var answer = await call;
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(status, text);
        answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);

    public const string CancerExomes = "regionh-cancer-exomes";
    public const string BloodDonorSummary = "regionh-blood-donor-summary";

    /// <summary>Creates, fills, adds an ethics approval, accepts the terms and submits; returns the id.</summary>
    public static async Task<Guid> SubmittedApplication(this HttpClient researcher, object? draft = null, params string[] datasetIds)
    {
        var id = await researcher.CreateApplication(datasetIds.Length == 0 ? [Wgs] : datasetIds);
        await researcher.Command(id, "save-draft", draft ?? CompleteDraft()).Ok();
        await researcher.Command(id, "add-ethics-approval", EthicsApproval()).Ok();
        await researcher.Command(id, "accept-terms").Ok();
        await researcher.Command(id, "submit").Ok();
        return id;
    }

    public static async Task<string> Status(this HttpClient client, Guid id) =>
        (await client.Get($"/api/applications/{id}")).GetProperty("status").GetString()!;

    public static async Task<List<Guid>> Inbox(this HttpClient client, string view = "todo") =>
        [.. (await client.Get($"/api/applications?view={view}")).EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];

    /// <summary>A Capital Region ethics approval valid from a month ago for a bit more than a year.</summary>
    public static object EthicsApproval(Guid? letter = null) => new
    {
        committee = "region-h",
        caseNumber = "H-21012345",
        validFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-30)),
        validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)),
        letterAttachmentId = letter,
    };

    /// <summary>A draft for <see cref="Wgs"/> with every required field answered.</summary>
    public static object CompleteDraft(string title = "Rare variants in Danish epilepsy patients") => new
    {
        title,
        answers = new Dictionary<string, object>
        {
            ["project-summary"] = "We look for rare variants in children with epilepsy.",
            ["data-handling"] = "Analysed on the national HPC only; results aggregated.",
        },
        researchPurpose = new { duoCodes = new[] { "DUO:0000006" }, disease = "epilepsy", commercial = false, description = "Rare-variant burden study." },
    };
}
