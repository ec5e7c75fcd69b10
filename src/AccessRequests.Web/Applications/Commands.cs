using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Catalogue;
using AccessRequests.Web.Http;
using C = AccessRequests.Domain.Applications.ApplicationCommand;
using R = AccessRequests.Web.Applications.CommandRequests;

namespace AccessRequests.Web.Applications;

/// <summary>
/// <c>POST /api/applications/{id}/{command}</c>: each command's body, how it becomes a domain command, and what
/// the answer adds to <c>{ id, version }</c>.
/// </summary>
public static class Commands
{
    public static readonly IReadOnlyDictionary<string, CommandEndpoint> All = new CommandEndpoint[]
    {
        new CommandEndpoint<R.SaveDraft>("save-draft", async (r, x, s) =>
            new C.SaveDraft(x.Actor, x.Now, Blank(r.Title), await Answers(r, x, s), Purpose(r.ResearchPurpose))),
        new CommandEndpoint<R.InviteMember>("invite-member", (r, x, _) =>
            Sync(new C.InviteMember(x.Actor, x.Now, Guid.CreateVersion7(), r.Email.Trim(), r.Name.Trim(), HashToken(r.Token))))
        {
            Answer = (r, o) => new { id = o.Id, version = o.Version, invitationToken = r.Token },
        },
        new CommandEndpoint<R.AcceptInvitation>("accept-invitation", (r, x, _) => Sync(new C.AcceptInvitation(x.Actor, x.Now, HashToken(r.Token)))),
        new CommandEndpoint<R.RemoveMember>("remove-member", (r, x, _) => Sync(new C.RemoveMember(x.Actor, x.Now, r.UserId))),
        new CommandEndpoint<R.Empty>("accept-terms", async (_, x, s) => new C.AcceptTerms(x.Actor, x.Now, await x.CurrentTermsOf(s))),
        new CommandEndpoint<R.Empty>("submit", async (_, x, s) =>
        {
            var datasets = await x.DatasetsOf(s);
            return new C.Submit(x.Actor, x.Now, [.. datasets.SelectMany(d => d.CurrentTerms)], RequiredFields(datasets));
        }),
        new CommandEndpoint<R.WithReason>("withdraw", (r, x, _) => Sync(new C.Withdraw(x.Actor, x.Now, Blank(r.Reason)))),
        new CommandEndpoint<R.WithReason>("close", (r, x, _) => Sync(new C.Close(x.Actor, x.Now, Blank(r.Reason)))),
        new CommandEndpoint<R.Comment>("comment", (r, x, _) => Sync(new C.AddComment(x.Actor, x.Now, Guid.CreateVersion7(), r.Text.Trim(), r.Visibility))),
        new CommandEndpoint<R.CopyAsNew>("copy-as-new", (r, x, _) => Sync(new C.CopyAsNew(x.Actor, x.Now, r.NewId)))
        {
            StartsNew = (r, x, s) => new CommandRunner.NewApplication(r.NewId, ApplicationDecider.StartCopy(s, r.NewId, x.Actor, x.Now)),
            Answer = (r, o) => new { id = r.NewId, version = (long)o.Started!.Events.Count, sourceVersion = o.Version },
        },
    }.ToDictionary(c => c.Name);

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
