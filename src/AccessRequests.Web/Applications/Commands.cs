using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Http;
using AccessRequests.Web.Notifications;
using C = AccessRequests.Domain.Applications.ApplicationCommand;
using R = AccessRequests.Web.Applications.CommandRequests;

namespace AccessRequests.Web.Applications;

/// <summary>
/// <c>POST /api/applications/{id}/{command}</c>: each command's body, how it becomes a domain command, and what
/// the answer adds to <c>{ id, version }</c>.
/// </summary>
public static class Commands
{
    public static readonly IReadOnlyDictionary<string, CommandEndpoint> All = ((CommandEndpoint[])
    [
        new CommandEndpoint<R.SaveDraft>("save-draft", async (r, x, s) =>
            new C.SaveDraft(x.Actor, x.Now, Blank(r.Title), await Answers(r, x, s), Purpose(r.ResearchPurpose))),
        new CommandEndpoint<R.InviteMember>("invite-member", (r, x, _) =>
        {
            r.Token = x.Http.RequestServices.GetRequiredService<InvitationTokens>().For(r.InvitationId);
            return Sync(new C.InviteMember(x.Actor, x.Now, r.InvitationId, r.Email.Trim(), r.Name.Trim(), HashToken(r.Token)));
        })
        {
            Answer = (r, o) => new { id = o.Id, version = o.Version, invitationToken = r.Token },
        },
        new CommandEndpoint<R.AcceptInvitation>("accept-invitation", (r, x, _) => Sync(new C.AcceptInvitation(x.Actor, x.Now, HashToken(r.Token)))),
        new CommandEndpoint<R.RemoveMember>("remove-member", (r, x, _) => Sync(new C.RemoveMember(x.Actor, x.Now, r.UserId))),
        // Once submitted, the terms are those the application pinned: a member joining later accepts what the others did.
        new CommandEndpoint<R.Empty>("accept-terms", async (_, x, s) =>
            new C.AcceptTerms(x.Actor, x.Now, s.PinnedTerms.Length > 0 ? s.PinnedTerms : await x.CurrentTermsOf(s))),
        new CommandEndpoint<R.Empty>("submit", async (_, x, s) =>
        {
            var datasets = await x.DatasetsOf(s);
            var (policies, workflows) = x.Pin(datasets);
            return new C.Submit(x.Actor, x.Now, [.. datasets.SelectMany(d => d.CurrentTerms)], RequiredFields(datasets),
                policies, workflows, x.AffiliationEvidence(), x.Policies.Institutions);
        }),
        new CommandEndpoint<R.AddEthicsApproval>("add-ethics-approval", (r, x, _) =>
        {
            var committee = x.Policies.Committee(r.Committee)
                ?? throw RequestValidationException.Field("committee", "Use one of: " + string.Join(", ", x.Policies.Committees.Select(c => c.Id)) + ".");
            if (!committee.IsValidCaseNumber(r.CaseNumber))
            {
                throw RequestValidationException.Field("caseNumber", $"{committee.Name} case numbers look like {committee.CaseNumberExample}.");
            }
            return Sync(new C.AddEthicsApproval(x.Actor, x.Now, committee.Id, r.CaseNumber.Trim(), r.ValidFrom, r.ValidUntil, r.LetterAttachmentId));
        }),
        new CommandEndpoint<R.DeclareAffiliation>("declare-affiliation", (r, x, _) =>
        {
            var institution = x.Policies.Institution(r.Institution.Trim().ToLowerInvariant())
                ?? throw RequestValidationException.Field("institution", "Not a Danish research institution in the registry; use its id or domain (e.g. ku or ku.dk).");
            return Sync(new C.DeclareAffiliation(x.Actor, x.Now, institution.Id, r.Position.Trim(), Blank(r.SupervisorEmail)));
        }),
        .. Check(CheckKind.Ethics, "ethics"),
        .. Check(CheckKind.Affiliation, "affiliation"),
        .. Check(CheckKind.Purpose, "purpose"),
        new CommandEndpoint<R.RequestInformation>("request-information", async (r, x, s) =>
            new C.RequestInformation(x.Actor, x.Now, r.Message.Trim(), Blank(r.StepId), await x.DacsOf(s))),
        new CommandEndpoint<R.Respond>("respond", (r, x, _) => Sync(new C.Respond(x.Actor, x.Now, r.Message.Trim()))),
        new CommandEndpoint<R.Assign>("assign", async (r, x, s) => new C.Assign(x.Actor, x.Now, r.StepId, Blank(r.Assignee), await x.DacsOf(s))),
        new CommandEndpoint<R.CastVote>("vote", async (r, x, s) => new C.RecordVote(x.Actor, x.Now, r.DacId, r.Vote!.Value, Blank(r.Comment), await x.DacsOf(s))),
        new CommandEndpoint<R.Revoke>("revoke", async (r, x, s) => new C.Revoke(x.Actor, x.Now, r.GrantId, r.Reason.Trim(), await x.DacsOf(s))),
        new CommandEndpoint<R.Renew>("renew", (r, x, _) => Sync(new C.Renew(x.Actor, x.Now, r.Until, r.Justification.Trim()))),
        new CommandEndpoint<R.Decide>("decide", async (r, x, s) =>
            new C.Decide(x.Actor, x.Now, r.DacId, r.Decision!.Value, r.DatasetIds, r.ValidUntil, [.. r.Conditions.Select(c => c.Trim())], Blank(r.Reason), await x.DacsOf(s))),
        new CommandEndpoint<R.WithReason>("withdraw", (r, x, _) => Sync(new C.Withdraw(x.Actor, x.Now, Blank(r.Reason)))),
        new CommandEndpoint<R.WithReason>("close", (r, x, _) => Sync(new C.Close(x.Actor, x.Now, Blank(r.Reason)))),
        new CommandEndpoint<R.Comment>("comment", (r, x, _) => Sync(new C.AddComment(x.Actor, x.Now, Guid.CreateVersion7(), r.Text.Trim(), r.Visibility))),
        new CommandEndpoint<R.CopyAsNew>("copy-as-new", (r, x, _) => Sync(new C.CopyAsNew(x.Actor, x.Now, r.NewId)))
        {
            StartsNew = (r, x, s) => new CommandRunner.NewApplication(r.NewId, ApplicationDecider.StartCopy(s, r.NewId, x.Actor, x.Now)),
            Answer = (r, o) => new { id = r.NewId, version = (long)o.Started!.Events.Count, sourceVersion = o.Version },
        },
    ]).ToDictionary(c => c.Name);

    /// <summary>verify-X and reject-X for one of the checks stewards make.</summary>
    private static CommandEndpoint[] Check(CheckKind kind, string name) =>
    [
        new CommandEndpoint<R.WithComment>($"verify-{name}", (r, x, _) => Sync(new C.VerifyCheck(x.Actor, x.Now, kind, Blank(r.Comment)))),
        new CommandEndpoint<R.RequiredReason>($"reject-{name}", (r, x, _) => Sync(new C.RejectCheck(x.Actor, x.Now, kind, r.Reason.Trim()))),
    ];

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static Task<C> Sync(C command) => Task.FromResult(command);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyList<string> RequiredFields(IReadOnlyList<Dataset> datasets) =>
        [.. datasets.SelectMany(d => d.Form.Fields).Where(f => f.Required).Select(f => f.Id).Distinct()];

    private static ResearchPurpose? Purpose(R.Purpose? p) =>
        p is null ? null : new ResearchPurpose([.. p.DuoCodes.Distinct()], Blank(p.Disease), p.Commercial, Blank(p.Description));

    /// <summary>Answers must name fields of the application's datasets' forms; values are kept as text.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> Answers(R.SaveDraft request, CommandContext context, ApplicationState state)
    {
        var fields = (await context.DatasetsOf(state)).SelectMany(d => d.Form.Fields).Select(f => f.Id).ToHashSet();
        var unknown = request.Answers.Keys.Where(k => !fields.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new RequestValidationException(unknown.ToDictionary(k => $"answers.{k}", _ => new[] { "There is no such field in the application's forms." }));
        }
        return request.Answers.ToDictionary(p => p.Key, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => p.Value.GetRawText(),
        });
    }
}
