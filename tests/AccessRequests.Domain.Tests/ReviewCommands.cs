using AccessRequests.Domain.Catalogue;
using AccessRequests.Domain.Policies;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests;

/// <summary>Review commands as the endpoints would send them, at <see cref="Fixed.Now"/> unless given.</summary>
internal static partial class Commands
{
    /// <summary>Submit pinning the shipped workflows the policies name, with a KU sign-in unless other evidence is given.</summary>
    public static ApplicationCommand.Submit SubmitUnder(DatasetPolicy[] policies, AffiliationEvidence[]? evidence = null) =>
        new(Applicant, Now, TermsV1, RequiredFields, policies, ShippedWorkflows.For(policies), evidence ?? [KuMember], Institutions);

    public static ApplicationCommand.VerifyCheck Verify(CheckKind check, Actor? by = null) => new(by ?? Steward, Now, check, "Looks right.");

    public static ApplicationCommand.RejectCheck Reject(CheckKind check, string reason, Actor? by = null) => new(by ?? Steward, Now, check, reason);

    public static ApplicationCommand.RecordVote Vote(Actor by, string dacId = NgcDacId, DacVote vote = DacVote.Approve, Dac[]? dacs = null) =>
        new(by, Now, dacId, vote, null, dacs ?? Dacs);

    public static ApplicationCommand.Decide Approve(Actor by, string dacId = NgcDacId, string[]? datasetIds = null, Dac[]? dacs = null) =>
        new(by, Now, dacId, DacDecision.Approve, datasetIds, GrantEnd, Conditions, null, dacs ?? Dacs);

    public static ApplicationCommand.Decide RejectAsDac(Actor by, string? reason, string dacId = NgcDacId, Dac[]? dacs = null) =>
        new(by, Now, dacId, DacDecision.Reject, null, null, [], reason, dacs ?? Dacs);

    public static ApplicationCommand.RequestInformation RequestInformation(Actor by, string? stepId = "ethics", DateTimeOffset? at = null) =>
        new(by, at ?? Now, "Please attach the approval letter.", stepId, Dacs);

    public static ApplicationCommand.Respond Respond(Actor? by = null, DateTimeOffset? at = null) => new(by ?? Applicant, at ?? Now, "Attached.");

    public static ApplicationCommand.Assign Assign(Actor by, string stepId, string? assignee = null) => new(by, Now, stepId, assignee, Dacs);

    public static ApplicationCommand.CheckDeadline CheckDeadline(DateTimeOffset at) => new(Timer, at);

    /// <summary>The service's deadline timer.</summary>
    public static readonly Actor Timer = new("system", "Deadline timer", null, new HashSet<string>());
}
