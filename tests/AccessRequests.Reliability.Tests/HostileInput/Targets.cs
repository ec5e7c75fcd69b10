using System.Net;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Tests;
using ApplicationStates = AccessRequests.Web.Tests.ApplicationStates;

namespace AccessRequests.Reliability.Tests.HostileInput;

/// <summary>
/// One endpoint that reads a JSON body, as the actor allowed to call it, on something in the state where the valid
/// <see cref="Body"/> would succeed (so a malformation that slipped through would be written, and be seen).
/// </summary>
public sealed record Target(
    string Operation, string Actor, Type RequestType, object Body, HttpStatusCode Success, Func<ApplicationStates, Task<string>> Arrange);

/// <summary>
/// The targets, one per operation of /openapi/v1.json that takes a JSON body; POST /api/applications/{id}/{command}
/// is one per command of <see cref="Commands.All"/>. <see cref="HostileBodies"/> checks the document names nothing else.
/// </summary>
public static class Targets
{
    public const string CommandRoute = "POST /api/applications/{id}/{command}";

    /// <summary>Write operations that take no JSON body, and where they are attacked instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> Elsewhere = new Dictionary<string, string>
    {
        ["POST /api/applications/{id}/attachments"] = "multipart: HostileAttachments",
        ["DELETE /api/roles/{role}/{userId}"] = "no body; hostile path segments: HostileRolePaths",
        ["POST /api/admin/rebuild-read-models"] = "no input at all: only the admin's token, which the concurrency test uses",
        ["PUT /api/notifications/preferences"] = "writes no event: HostileNotificationBodies",
        ["POST /api/notifications/read"] = "writes no event: HostileNotificationBodies",
        ["POST /api/notifications/mail/{id}/retry"] = "no body; the id is a route-constrained GUID, and only admins pass: NotificationsApi",
    };

    public static readonly IReadOnlyList<Target> All = [.. Catalogue(), .. ApplicationCommands()];

    public static Target Named(string operation) => All.Single(t => t.Operation == operation);

    private static IEnumerable<Target> Catalogue()
    {
        yield return new("POST /dev-issuer/token", ApplicationStates.Anonymous, typeof(DevelopmentIssuerEndpoints.TokenRequest),
            new { user = "researcher" }, HttpStatusCode.OK, _ => Task.FromResult("/dev-issuer/token"));
        yield return new("POST /api/applications", "researcher", typeof(CommandRequests.Create),
            new { datasetIds = new[] { Api.Wgs } }, HttpStatusCode.Created, _ => Task.FromResult("/api/applications"));
        yield return new("POST /api/roles", "admin", typeof(Roles.Request),
            new { userId = "new-steward", role = "steward" }, HttpStatusCode.OK, _ => Task.FromResult("/api/roles"));
        yield return new("POST /api/dacs", "admin", typeof(Dacs.Request),
            Dac("hostile-dac-new"), HttpStatusCode.Created, _ => Task.FromResult("/api/dacs"));
        yield return new("PUT /api/dacs/{id}", "admin", typeof(Dacs.Request),
            Dac("hostile-dac-put"), HttpStatusCode.OK, s => Existing(s, "/api/dacs", Dac("hostile-dac-put")));
        yield return new("POST /api/datasets", "admin", typeof(Datasets.Request),
            Dataset("hostile-dataset-new"), HttpStatusCode.Created, _ => Task.FromResult("/api/datasets"));
        yield return new("PUT /api/datasets/{id}", "admin", typeof(Datasets.Request),
            Dataset("hostile-dataset-put"), HttpStatusCode.OK, s => Existing(s, "/api/datasets", Dataset("hostile-dataset-put")));
    }

    private static object Dac(string id) => new
    {
        id,
        name = "Hostile input DAC",
        members = new[] { new { userId = "dac-chair", role = "chair" }, new { userId = "dac-member-1", role = "member" } },
    };

    private static object Dataset(string id) => new
    {
        id,
        title = "Hostile input dataset",
        description = "Made by the hostile-input tests.",
        location = "ngc-hpc",
        dacId = "ngc-dac",
        workflowId = "ngc-controlled-access",
        duoCodes = new[] { "DUO:0000042" },
        terms = new[] { new { id = "terms", version = "1", text = "Use it well." } },
        form = new { fields = new[] { new { id = "summary", label = "Summary", type = "textarea", required = true } } },
    };

    private static async Task<string> Existing(ApplicationStates states, string collection, object body)
    {
        var admin = await states.As("admin");
        var created = await admin.PostAsync(collection, System.Net.Http.Json.JsonContent.Create(body));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return created.Headers.Location!.OriginalString;
    }

    private static IEnumerable<Target> ApplicationCommands()
    {
        var until = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300));
        // The state each command needs and who may issue it, as in the web tests' AuthorizationMatrix.
        var table = new (string Command, string Actor, Func<ApplicationStates, Task<Guid>> State, object Body)[]
        {
            // Bodies differ from what the state was made with: a repeat of the same records nothing (and would prove nothing).
            ("save-draft", "researcher", s => s.Draft(), Api.CompleteDraft("A changed title")),
            ("invite-member", "researcher", s => s.Draft(), new { email = "new.member@ku.dk", name = "New Member" }),
            ("accept-invitation", "co-applicant", null!, new { token = "" }),
            ("remove-member", "researcher", s => s.Draft(), new { userId = "co-applicant" }),
            ("accept-terms", "researcher", s => s.Draft(), new { }),
            ("submit", "researcher", s => s.ReadyToSubmit(), new { }),
            ("withdraw", "researcher", s => s.Submitted(), new { reason = "We found the data elsewhere." }),
            ("close", "researcher", s => s.Draft(), new { reason = "Not needed any more." }),
            ("comment", "steward", s => s.Submitted(), new { text = "A question about the cohort.", visibility = "internal" }),
            ("copy-as-new", "researcher", s => s.Draft(), new { }),
            ("add-ethics-approval", "researcher", s => s.Draft(), new
            {
                committee = "region-h", caseNumber = "H-21054321", validFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-10)),
                validUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(500)), letterAttachmentId = (Guid?)null,
            }),
            ("declare-affiliation", "researcher", s => s.Draft(), new { institution = "ku.dk", position = "Postdoc", supervisorEmail = "pi@ku.dk" }),
            ("verify-ethics", "steward", s => s.Submitted(), new { comment = "Case number checked." }),
            ("reject-ethics", "steward", s => s.Submitted(), new { reason = "The approval covers another project." }),
            ("verify-affiliation", "steward", s => s.AwaitingAffiliationCheck(), new { comment = "Confirmed by SDU." }),
            ("reject-affiliation", "steward", s => s.AwaitingAffiliationCheck(), new { reason = "SDU does not know this person." }),
            ("verify-purpose", "steward", s => s.AwaitingPurposeReview(), new { comment = "The summary fits the data's use." }),
            ("reject-purpose", "steward", s => s.AwaitingPurposeReview(), new { reason = "The purpose is not stated." }),
            ("request-information", "steward", s => s.Submitted(), new { message = "Which cohort exactly?", stepId = "ethics" }),
            ("respond", "researcher", s => s.Returned(), new { message = "The letter is attached." }),
            ("assign", "steward", s => s.Submitted(), new { stepId = "dac", assignee = "dac-member-1" }),
            ("vote", "dac-member-1", s => s.InDacReview(), new { dacId = "ngc-dac", vote = "approve", comment = "Sound project." }),
            ("decide", "dac-chair", s => s.ReadyForDecision(), new
            {
                dacId = "ngc-dac", decision = "approve", datasetIds = new[] { Api.Wgs }, validUntil = until,
                conditions = new[] { "Report publications." }, reason = "Sound.",
            }),
            ("revoke", "dac-chair", s => s.Approved(), new { reason = "The project broke the conditions.", grantId = (Guid?)null }),
            ("renew", "researcher", s => s.Approved(), new { until, justification = "The analysis takes longer." }),
        };
        foreach (var (command, actor, state, body) in table)
        {
            var requestType = Commands.All[command].GetType().GetGenericArguments()[0];
            if (command == "accept-invitation")
            {
                // The token is only known once the invitation is made: the target's body is filled in by Arrange.
                yield return new($"POST /api/applications/{{id}}/{command}", actor, requestType, new { token = Invitation.Placeholder },
                    HttpStatusCode.OK, async s =>
                    {
                        var (id, token) = await s.Invited();
                        Invitation.Tokens[id] = token;
                        return $"/api/applications/{id}/{command}";
                    });
                continue;
            }
            yield return new($"POST /api/applications/{{id}}/{command}", actor, requestType, body, HttpStatusCode.OK,
                async s => $"/api/applications/{await state(s)}/{command}");
        }
    }

    /// <summary>Invitation tokens by application, for the accept-invitation target's valid body.</summary>
    public static class Invitation
    {
        public const string Placeholder = "<the invitation's token>";
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> Tokens = new();
    }
}
