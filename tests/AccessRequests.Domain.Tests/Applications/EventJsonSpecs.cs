using System.Text.Json;
using System.Text.Json.Nodes;
using AccessRequests.Domain.Workflows;
using static AccessRequests.Domain.Applications.CommentVisibility;
using static AccessRequests.Domain.Tests.Fixed;

namespace AccessRequests.Domain.Tests.Applications;

public class EventJsonSpecs
{
    /// <summary>One event of each type, every field set to something other than its default.</summary>
    private static readonly ApplicationEvent[] Samples =
    [
        History.Created() with { CopiedFrom = NewApplicationId },
        History.DraftSaved(),
        History.Invited(Invitee),
        History.Joined(Invitee),
        History.Removed(TeamMember, by: Steward),
        History.AcceptedTerms(TeamMember, TermsV2),
        History.AttachmentAdded(TeamMember),
        History.SubmittedUnder(NgcPolicies),
        History.Withdrawn(),
        History.Closed(Steward) with { Reason = "Duplicate of another application." },
        new ApplicationEvent.CopiedAsNew("applicant", T0, NewApplicationId),
        History.CommentAdded(Steward, Internal),
        History.EthicsApprovalAdded() with { LetterAttachmentId = AttachmentId },
        History.AffiliationDeclared(),
        History.AffiliationConfirmed(),
        History.PurposeMatched(T0, History.Matches(Wgs), new(CancerRegistry, PurposeResult.NeedsReview, ["a steward checks"])),
        History.Verified(CheckKind.Affiliation),
        new ApplicationEvent.CheckRejected("steward", T0, CheckKind.Purpose, "The project is commercial."),
        History.InformationRequested(),
        History.Responded(),
        History.Assigned(Steward, "ethics"),
        History.VoteCast(NgcReviewer1, vote: DacVote.Abstain) with { Comment = "Conflict with my own project." },
        History.DacApproved(NgcChair, NgcDacId, [Wgs]) with { Reason = "Fits the consent." },
        History.Decided(NgcChair, [Wgs], "rh-dac: the registry is not for genetics."),
        new ApplicationEvent.DeadlinePassed("system", T0.AddDays(91), T0.AddDays(90)),
        new ApplicationEvent.DeadlineReminded("system", T0.AddDays(76), T0.AddDays(90)),
        new ApplicationEvent.ExpiryApproaching("system", History.Through(GrantEnd).AddDays(-30), ExpirySubject.Grant,
            History.GrantIdOf(Applicant, Wgs), History.Through(GrantEnd), 30),
        History.Granted(TeamMember, WgsPolicy),
        History.Revoked(TeamMember, Wgs, Applicant, "The user left the application.", membership: true),
        new ApplicationEvent.AccessExpired("system", History.Through(GrantEnd), History.GrantIdOf(Applicant, Wgs)),
        new ApplicationEvent.ApplicationRevoked("steward", T0, "The data were copied off the HPC."),
        new ApplicationEvent.RenewalRequested("applicant", T0, new DateOnly(2027, 5, 31), "The cohort grew."),
    ];

    /// <summary>Written out here so that renaming one breaks this test: stored events keep their names forever.</summary>
    private static readonly (Type Type, string Name)[] StoredNames =
    [
        (typeof(ApplicationEvent.Created), "application-created"),
        (typeof(ApplicationEvent.DraftSaved), "draft-saved"),
        (typeof(ApplicationEvent.MemberInvited), "member-invited"),
        (typeof(ApplicationEvent.MemberJoined), "member-joined"),
        (typeof(ApplicationEvent.MemberRemoved), "member-removed"),
        (typeof(ApplicationEvent.TermsAccepted), "terms-accepted"),
        (typeof(ApplicationEvent.AttachmentAdded), "attachment-added"),
        (typeof(ApplicationEvent.Submitted), "application-submitted"),
        (typeof(ApplicationEvent.Withdrawn), "application-withdrawn"),
        (typeof(ApplicationEvent.Closed), "application-closed"),
        (typeof(ApplicationEvent.CopiedAsNew), "application-copied"),
        (typeof(ApplicationEvent.CommentAdded), "comment-added"),
        (typeof(ApplicationEvent.EthicsApprovalAdded), "ethics-approval-added"),
        (typeof(ApplicationEvent.AffiliationDeclared), "affiliation-declared"),
        (typeof(ApplicationEvent.AffiliationConfirmedAutomatically), "affiliation-confirmed-automatically"),
        (typeof(ApplicationEvent.PurposeMatched), "purpose-matched"),
        (typeof(ApplicationEvent.CheckVerified), "check-verified"),
        (typeof(ApplicationEvent.CheckRejected), "check-rejected"),
        (typeof(ApplicationEvent.InformationRequested), "information-requested"),
        (typeof(ApplicationEvent.ApplicantResponded), "applicant-responded"),
        (typeof(ApplicationEvent.StepAssigned), "step-assigned"),
        (typeof(ApplicationEvent.VoteCast), "vote-cast"),
        (typeof(ApplicationEvent.DacDecided), "dac-decided"),
        (typeof(ApplicationEvent.ApplicationDecided), "application-decided"),
        (typeof(ApplicationEvent.DeadlinePassed), "deadline-passed"),
        (typeof(ApplicationEvent.DeadlineReminded), "deadline-reminded"),
        (typeof(ApplicationEvent.ExpiryApproaching), "expiry-approaching"),
        (typeof(ApplicationEvent.AccessGranted), "access-granted"),
        (typeof(ApplicationEvent.AccessRevoked), "access-revoked"),
        (typeof(ApplicationEvent.AccessExpired), "access-expired"),
        (typeof(ApplicationEvent.ApplicationRevoked), "application-revoked"),
        (typeof(ApplicationEvent.RenewalRequested), "renewal-requested"),
    ];

    public static TheoryData<string> SampleTypes => [.. Samples.Select(s => s.GetType().Name)];

    [Fact]
    public void there_is_a_sample_of_every_event_type()
    {
        var eventTypes = typeof(ApplicationEvent).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(ApplicationEvent)));
        Samples.Select(s => s.GetType()).ShouldBe(eventTypes, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void every_event_reads_back_as_it_was_written(string type)
    {
        var sample = Samples.Single(s => s.GetType().Name == type);
        var (name, json) = ApplicationEventJson.Serialize(sample);

        var read = ApplicationEventJson.Deserialize(name, json);

        read.ShouldBeOfType(sample.GetType());
        Canonical.Of(read).ShouldBe(Canonical.Of(sample));
    }

    [Theory]
    [MemberData(nameof(SampleTypes))]
    public void only_the_events_own_fields_are_stored(string type)
    {
        var sample = Samples.Single(s => s.GetType().Name == type);
        var ownFields = sample.GetType().GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));

        var stored = JsonNode.Parse(ApplicationEventJson.Serialize(sample).Json)!.AsObject();

        stored.Select(p => p.Key).ShouldBe(ownFields, ignoreOrder: true);
    }

    [Fact]
    public void events_are_stored_under_their_stable_names()
    {
        Samples.Select(s => (s.GetType(), ApplicationEventJson.Serialize(s).Type)).ShouldBe(StoredNames, ignoreOrder: true);
        EventNames.ByName.Keys.ShouldBe(StoredNames.Select(n => n.Name), ignoreOrder: true);
    }

    [Theory]
    [InlineData("application-approved")]
    [InlineData("Created")]
    [InlineData("")]
    public void an_unknown_type_name_cannot_be_read(string type) =>
        Should.Throw<InvalidOperationException>(() => ApplicationEventJson.Deserialize(type, "{}"));

    [Fact]
    public void an_event_without_data_cannot_be_read() =>
        Should.Throw<InvalidOperationException>(() => ApplicationEventJson.Deserialize("application-closed", "null"));

    [Fact]
    public void json_stored_today_still_reads()
    {
        // camelCase fields and kebab-case enum values, as events are stored now.
        const string json = """
            {"commentId":"01972f3a-0000-7000-8000-0000000000c1","text":"Please attach the ethics approval.",
             "visibility":"internal","actorId":"steward","at":"2025-06-02T09:00:00+02:00"}
            """;

        Canonical.Of(ApplicationEventJson.Deserialize("comment-added", json))
            .ShouldBe(Canonical.Of(History.CommentAdded(Steward, Internal)));
    }

    [Fact]
    public void a_dac_decision_stored_today_still_reads()
    {
        // Enum values in kebab case, the access end as a plain date.
        const string json = """
            {"dacId":"ngc-dac","decision":"approve","datasetIds":["ngc-gdb-wgs"],"validUntil":"2026-05-31",
             "conditions":["Results are published open access."],"reason":null,"actorId":"ngc-chair","at":"2025-06-02T09:00:00+02:00"}
            """;

        Canonical.Of(ApplicationEventJson.Deserialize("dac-decided", json))
            .ShouldBe(Canonical.Of(History.DacApproved(NgcChair, NgcDacId, [Wgs])));
    }

    [Fact]
    public void a_grant_stored_today_still_reads()
    {
        // Instants with their offset; the grant id as the decider derived it.
        var json = $$"""
            {"grantId":"{{History.GrantIdOf(TeamMember, Wgs)}}","userId":"member","datasetId":"ngc-gdb-wgs","location":"ngc-hpc",
             "dacId":"ngc-dac","validFrom":"2025-06-02T09:00:00+02:00","validUntil":"2026-06-01T00:00:00+00:00",
             "conditions":["Results are published open access."],"actorId":"ngc-chair","at":"2025-06-02T09:00:00+02:00"}
            """;

        Canonical.Of(ApplicationEventJson.Deserialize("access-granted", json)).ShouldBe(Canonical.Of(History.Granted(TeamMember, WgsPolicy)));
    }

    [Fact]
    public void an_ethics_expiry_warning_is_stored_with_its_subject_in_kebab_case_and_no_grant()
    {
        var warning = new ApplicationEvent.ExpiryApproaching("system", T0, ExpirySubject.EthicsApproval, null, History.Through(EthicsUntil), 7);

        var stored = JsonNode.Parse(ApplicationEventJson.Serialize(warning).Json)!.AsObject();

        stored.ShouldSatisfyAllConditions(
            () => stored["subject"]!.GetValue<string>().ShouldBe("ethics-approval"),
            () => stored["grantId"].ShouldBeNull(),
            () => stored["daysBefore"]!.GetValue<int>().ShouldBe(7));
    }
}
