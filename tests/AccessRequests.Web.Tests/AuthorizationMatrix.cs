using System.Net;
using System.Net.Http.Json;
using AccessRequests.Web.Applications;
using static AccessRequests.Web.Tests.ApplicationStates;

namespace AccessRequests.Web.Tests;

/// <summary>
/// DESIGN.md §7: every command × every role, through the real HTTP API. Each cell brings a fresh application to the
/// state in which the command makes sense for whoever may issue it, sends a valid body as the role, and checks the
/// answer: 200 (201 for create) and something recorded for the roles the table names; 401 without a token; 403 for
/// everyone else — except the cells listed in <see cref="ConflictNotForbidden"/> — and then nothing written.
/// </summary>
public abstract class AuthorizationMatrix(ServiceFixture fixture)
{
    private const string Researcher = "researcher";
    private const string CoApplicant = "co-applicant";
    private const string OtherResearcher = "other-researcher";
    private const string Steward = "steward";
    private const string DacChair = "dac-chair";
    private const string DacMember1 = "dac-member-1";
    private const string DacMember2 = "dac-member-2";
    private const string Admin = "admin";
    private const string Provisioning = "provisioning-ngc-hpc";

    private const string Create = "POST /api/applications";
    private const string Read = "GET /api/applications/{id}";
    private const string History = "GET /api/applications/{id}/events";

    public static readonly string[] Roles =
        [Researcher, CoApplicant, OtherResearcher, Steward, DacChair, DacMember1, DacMember2, Admin, Provisioning, Anonymous];

    // The expected table, written out from DESIGN.md §1, §6 and §7 (not read from the service). On the applications
    // below "researcher" is the applicant and "co-applicant" a member who joined; every dataset is NGC's, so the NGC
    // DAC (dac-chair; dac-member-1, dac-member-2) reviews them. Admins are stewards too. The provisioning client
    // reads grants and visas and does nothing here.
    private static readonly string[] People = [Researcher, CoApplicant, OtherResearcher, Steward, DacChair, DacMember1, DacMember2, Admin];
    private static readonly string[] Stewards = [Steward, Admin];
    private static readonly string[] NgcDac = [DacChair, DacMember1, DacMember2];
    private static readonly string[] OnTheApplication = [Researcher, CoApplicant];

    private static readonly Dictionary<string, string[]> MayIssue = new()
    {
        [Create] = People,
        [Read] = [.. OnTheApplication, .. Stewards, .. NgcDac],
        [History] = [.. OnTheApplication, .. Stewards, .. NgcDac],
        ["save-draft"] = [Researcher],
        ["invite-member"] = [Researcher],
        // The token is the invitation: whoever signs in with it joins as themself (AcceptInvitationSpecs), any person.
        ["accept-invitation"] = [CoApplicant, OtherResearcher, Steward, DacChair, DacMember1, DacMember2, Admin],
        // The co-applicant may leave: the body names the co-applicant.
        ["remove-member"] = [Researcher, CoApplicant, .. Stewards],
        ["accept-terms"] = OnTheApplication,
        ["submit"] = [Researcher],
        ["withdraw"] = [Researcher],
        // On a draft, which the applicant may discard; stewards close in any state.
        ["close"] = [Researcher, .. Stewards],
        // Any participant: the people on the application, stewards, and the reviewing DAC.
        ["comment"] = [.. OnTheApplication, .. Stewards, .. NgcDac],
        ["copy-as-new"] = [Researcher],
        ["add-ethics-approval"] = [Researcher],
        ["declare-affiliation"] = [Researcher],
        ["verify-ethics"] = Stewards,
        ["reject-ethics"] = Stewards,
        // On these two the applicant is other-researcher (see AwaitingAffiliationCheck): stewards only, all the same.
        ["verify-affiliation"] = Stewards,
        ["reject-affiliation"] = Stewards,
        ["verify-purpose"] = Stewards,
        ["reject-purpose"] = Stewards,
        ["request-information"] = [.. Stewards, .. NgcDac],
        ["respond"] = [Researcher],
        // The DAC's step, which stewards and the DAC's members take.
        ["assign"] = [.. Stewards, .. NgcDac],
        ["vote"] = NgcDac,
        ["decide"] = [DacChair],
        ["revoke"] = [DacChair, .. Stewards],
        ["renew"] = [Researcher],
    };

    /// <summary>Refused roles the service answers 409 rather than 403, and why that is right.</summary>
    private static readonly Dictionary<(string Command, string Role), string> ConflictNotForbidden = new()
    {
        // Holding a valid token, the applicant is not refused for who they are but because they are on it already.
        [("accept-invitation", Researcher)] = "accept-invitation.applicant: the applicant is on the application already",
    };

    private sealed record Target(Guid? Id, string? Token = null);

    private sealed record Case(Func<ApplicationStates, Task<Target>> Arrange, Func<HttpClient, Target, Task<HttpResponseMessage>> Act);

    private static Case On(Func<ApplicationStates, Task<Guid>> state, string command, object? body = null) =>
        new(async s => new Target(await state(s)), (client, t) => client.Command(t.Id!.Value, command, body));

    private static readonly Dictionary<string, Case> Cases = new()
    {
        [Create] = new(_ => Task.FromResult(new Target(null)), (client, _) => client.PostAsJsonAsync("/api/applications", new { datasetIds = new[] { Api.Wgs } })),
        [Read] = new(async s => new Target(await s.Submitted()), (client, t) => client.GetAsync($"/api/applications/{t.Id}")),
        [History] = new(async s => new Target(await s.Submitted()), (client, t) => client.GetAsync($"/api/applications/{t.Id}/events")),
        ["save-draft"] = On(s => s.Draft(), "save-draft", Api.CompleteDraft("Rare variants, retitled")),
        ["invite-member"] = On(s => s.Draft(), "invite-member", new { email = "new.member@ku.dk", name = "New Member" }),
        ["accept-invitation"] = new(
            async s =>
            {
                var (id, token) = await s.Invited();
                return new Target(id, token);
            },
            (client, t) => client.Command(t.Id!.Value, "accept-invitation", new { token = t.Token })),
        ["remove-member"] = On(s => s.Draft(), "remove-member", new { userId = CoApplicant }),
        ["accept-terms"] = On(s => s.Draft(), "accept-terms"),
        ["submit"] = On(s => s.ReadyToSubmit(), "submit"),
        ["withdraw"] = On(s => s.Submitted(), "withdraw", new { reason = "We found the data elsewhere." }),
        ["close"] = On(s => s.Draft(), "close", new { reason = "Not needed any more." }),
        ["comment"] = On(s => s.Submitted(), "comment", new { text = "A question about the cohort.", visibility = "public" }),
        ["copy-as-new"] = On(s => s.Draft(), "copy-as-new"),
        ["add-ethics-approval"] = On(s => s.Draft(), "add-ethics-approval", new
        {
            committee = "region-h",
            caseNumber = "H-21054321",
            validFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)),
            validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(500)),
        }),
        ["declare-affiliation"] = On(s => s.Draft(), "declare-affiliation", new { institution = "ku.dk", position = "Postdoc" }),
        ["verify-ethics"] = On(s => s.Submitted(), "verify-ethics", new { comment = "Case number checked." }),
        ["reject-ethics"] = On(s => s.Submitted(), "reject-ethics", new { reason = "The approval covers another project." }),
        ["verify-affiliation"] = On(s => s.AwaitingAffiliationCheck(), "verify-affiliation", new { comment = "Confirmed by SDU." }),
        ["reject-affiliation"] = On(s => s.AwaitingAffiliationCheck(), "reject-affiliation", new { reason = "SDU does not know this person." }),
        ["verify-purpose"] = On(s => s.AwaitingPurposeReview(), "verify-purpose", new { comment = "The summary fits the data's use." }),
        ["reject-purpose"] = On(s => s.AwaitingPurposeReview(), "reject-purpose", new { reason = "The purpose is not stated." }),
        ["request-information"] = On(s => s.Submitted(), "request-information", new { message = "Which cohort exactly?" }),
        ["respond"] = On(s => s.Returned(), "respond", new { message = "The letter is attached." }),
        ["assign"] = On(s => s.Submitted(), "assign", new { stepId = "dac" }),
        ["vote"] = On(s => s.InDacReview(), "vote", new { dacId = "ngc-dac", vote = "approve", comment = "Sound project." }),
        ["decide"] = On(s => s.ReadyForDecision(), "decide", new { dacId = "ngc-dac", decision = "approve" }),
        ["revoke"] = On(s => s.Approved(), "revoke", new { reason = "The project broke the conditions." }),
        ["renew"] = On(s => s.Approved(), "renew", new { until = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300)), justification = "The analysis takes longer." }),
    };

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var command in Cases.Keys)
        {
            foreach (var role in Roles)
            {
                cells.Add(command, role);
            }
        }
        return cells;
    }

    private ApplicationStates States => new(fixture.Service);

    [Fact]
    public void the_table_covers_every_command_the_api_offers()
    {
        Cases.Keys.Except([Create, Read, History]).ShouldBe(Commands.All.Keys, ignoreOrder: true);
        MayIssue.Keys.ShouldBe(Cases.Keys, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task a_role_may_do_what_the_table_names_and_is_refused_the_rest_without_a_trace(string command, string role)
    {
        var states = States;
        var steward = await states.As(Steward);
        var target = await Cases[command].Arrange(states);
        var before = await Written(steward, target);

        var answer = await Cases[command].Act(await states.As(role), target);
        var text = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.ShouldBe(Expected(command, role), $"{role} → {command}: {text}");

        var after = await Written(steward, target);
        if (answer.IsSuccessStatusCode)
        {
            if (command is not (Read or History))
            {
                after.ShouldNotBe(before, "an allowed command is recorded");
            }
            return;
        }
        if (answer.StatusCode != HttpStatusCode.Unauthorized)
        {
            answer.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }
        after.ShouldBe(before, $"a refused {command} by {role} writes nothing");
    }

    private static HttpStatusCode Expected(string command, string role) =>
        role == Anonymous ? HttpStatusCode.Unauthorized
        : MayIssue[command].Contains(role) ? (command == Create ? HttpStatusCode.Created : HttpStatusCode.OK)
        : ConflictNotForbidden.ContainsKey((command, role)) ? HttpStatusCode.Conflict
        : HttpStatusCode.Forbidden;

    /// <summary>
    /// What the steward sees written: the target's history, and the most recently changed applications with their
    /// versions (listed newest first, so a new application — create, copy-as-new — or any change shows there).
    /// </summary>
    private static async Task<string> Written(HttpClient steward, Target target)
    {
        var recent = (await steward.Get("/api/applications?view=all")).EnumerateArray()
            .Select(a => $"{a.GetProperty("id").GetGuid()}@{a.GetProperty("version").GetInt64()}").Order();
        var events = target.Id is { } id ? (await steward.Get($"/api/applications/{id}/events")).GetArrayLength() : 0;
        return $"{events} events; recent: {string.Join(", ", recent)}";
    }
}

public sealed class AuthorizationMatrixOnSqlite(SqliteServiceFixture fixture) : AuthorizationMatrix(fixture), IClassFixture<SqliteServiceFixture>;

public sealed class AuthorizationMatrixOnPostgres(PostgresServiceFixture fixture) : AuthorizationMatrix(fixture), IClassFixture<PostgresServiceFixture>;
