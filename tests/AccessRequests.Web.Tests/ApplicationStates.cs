using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace AccessRequests.Web.Tests;

/// <summary>
/// Fresh NGC whole-genome applications brought, by API only, to the state a command needs: one new application per
/// call. Unless named otherwise the applicant is "researcher" and "co-applicant" has joined as a member.
/// </summary>
public sealed class ApplicationStates(ServiceFactory service)
{
    public const string Anonymous = "anonymous";

    // Signing in costs a token request; the demo users' clients are kept per service for the test run.
    private static readonly ConditionalWeakTable<ServiceFactory, ConcurrentDictionary<string, Task<HttpClient>>> Clients = new();

    public Task<HttpClient> As(string user) =>
        user == Anonymous ? Task.FromResult(service.CreateClient()) : Clients.GetOrCreateValue(service).GetOrAdd(user, service.ClientFor);

    /// <summary>A complete draft for which the DUO match cannot decide: it names no research purpose.</summary>
    public static object DraftWithoutPurpose => new
    {
        title = "Variants in an unstated cohort",
        answers = new Dictionary<string, object> { ["project-summary"] = "Rare variants.", ["data-handling"] = "On the national HPC only." },
    };

    /// <summary>A filled draft with an ethics approval, and an invitation for Carl (co-applicant) not yet accepted.</summary>
    public async Task<(Guid Id, string Token)> Invited(string applicant = "researcher", object? draft = null)
    {
        var client = await As(applicant);
        var id = await client.CreateApplication(Api.Wgs);
        await client.Command(id, "save-draft", draft ?? Api.CompleteDraft()).Ok();
        await client.Command(id, "add-ethics-approval", Api.EthicsApproval()).Ok();
        var invited = await client.Command(id, "invite-member", new { email = "carl.nielsen@au.dk", name = "Carl Nielsen" }).Ok();
        return (id, invited.GetProperty("invitationToken").GetString()!);
    }

    public async Task<Guid> Draft(string applicant = "researcher", object? draft = null)
    {
        var (id, token) = await Invited(applicant, draft);
        await (await As("co-applicant")).Command(id, "accept-invitation", new { token }).Ok();
        return id;
    }

    /// <summary>A draft everyone on it has accepted the terms of; <paramref name="affiliation"/> is declared if given.</summary>
    public async Task<Guid> ReadyToSubmit(string applicant = "researcher", object? draft = null, object? affiliation = null)
    {
        var id = await Draft(applicant, draft);
        var client = await As(applicant);
        if (affiliation is not null)
        {
            await client.Command(id, "declare-affiliation", affiliation).Ok();
        }
        await (await As("co-applicant")).Command(id, "accept-terms").Ok();
        await client.Command(id, "accept-terms").Ok();
        return id;
    }

    /// <summary>Submitted: the ethics step is open (the researcher's affiliation and purpose pass automatically).</summary>
    public async Task<Guid> Submitted(string applicant = "researcher", object? draft = null, object? affiliation = null)
    {
        var id = await ReadyToSubmit(applicant, draft, affiliation);
        await (await As(applicant)).Command(id, "submit").Ok();
        return id;
    }

    /// <summary>Submitted with a purpose only a steward can match: the purpose step is open.</summary>
    public Task<Guid> AwaitingPurposeReview() => Submitted(draft: DraftWithoutPurpose);

    /// <summary>Submitted by "other-researcher", whose sign-in shows no Danish institution: the declared affiliation step is open.</summary>
    public Task<Guid> AwaitingAffiliationCheck() =>
        Submitted("other-researcher", affiliation: new { institution = "sdu.dk", position = "Postdoc", supervisorEmail = "pi@sdu.dk" });

    /// <summary>Submitted, then sent back to the applicant by a steward.</summary>
    public async Task<Guid> Returned()
    {
        var id = await Submitted();
        await (await As("steward")).Command(id, "request-information", new { message = "Please attach the approval letter." }).Ok();
        return id;
    }

    /// <summary>Ethics verified: every step before the NGC DAC's review has passed, so its members vote.</summary>
    public async Task<Guid> InDacReview()
    {
        var id = await Submitted();
        await (await As("steward")).Command(id, "verify-ethics").Ok();
        return id;
    }

    /// <summary>In the DAC's review with the two approving votes the workflow needs: the chair can approve.</summary>
    public async Task<Guid> ReadyForDecision()
    {
        var id = await InDacReview();
        foreach (var member in new[] { "dac-member-1", "dac-member-2" })
        {
            await (await As(member)).Command(id, "vote", new { dacId = "ngc-dac", vote = "approve" }).Ok();
        }
        return id;
    }

    /// <summary>Approved: the researcher and the co-applicant each hold an active grant.</summary>
    public async Task<Guid> Approved()
    {
        var id = await ReadyForDecision();
        await (await As("dac-chair")).Command(id, "decide", new { dacId = "ngc-dac", decision = "approve" }).Ok();
        return id;
    }
}
