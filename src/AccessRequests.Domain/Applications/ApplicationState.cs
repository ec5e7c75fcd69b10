using System.Collections.Immutable;
using AccessRequests.Domain.Workflows;

namespace AccessRequests.Domain.Applications;

/// <summary>What the application's events add up to. Built only by <see cref="ApplicationEvolver"/>.</summary>
public sealed record ApplicationState
{
    public static readonly ApplicationState Initial = new();

    public Guid Id { get; init; }
    public ApplicationStatus Status { get; init; } = ApplicationStatus.None;
    public string ApplicantId { get; init; } = "";
    public string ApplicantName { get; init; } = "";
    public string? ApplicantEmail { get; init; }
    public ImmutableArray<string> DatasetIds { get; init; } = [];
    public string? Title { get; init; }
    public ImmutableDictionary<string, string> Answers { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ResearchPurpose? Purpose { get; init; }
    public ImmutableList<Member> Members { get; init; } = [];
    public ImmutableList<Invitation> Invitations { get; init; } = [];

    /// <summary>Terms each user accepted last, by user id.</summary>
    public ImmutableDictionary<string, ImmutableArray<TermsVersion>> AcceptedTerms { get; init; } =
        ImmutableDictionary<string, ImmutableArray<TermsVersion>>.Empty;

    public ImmutableList<Attachment> Attachments { get; init; } = [];
    public ImmutableList<Comment> Comments { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FirstSubmittedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public Guid? CopiedFrom { get; init; }
    public ImmutableList<Guid> CopiedTo { get; init; } = [];

    public EthicsApproval? Ethics { get; init; }
    public Affiliation? Affiliation { get; init; }
    public ImmutableList<PurposeResult> PurposeResults { get; init; } = [];

    /// <summary>A steward's verdict on a purpose the rules could not settle.</summary>
    public CheckStatus? PurposeCheck { get; init; }
    public string? PurposeReason { get; init; }

    /// <summary>Pinned at submit: each dataset's DAC, DUO codes and workflow, and the workflows themselves.</summary>
    public ImmutableArray<DatasetPolicy> Policies { get; init; } = [];
    public ImmutableDictionary<string, WorkflowDefinition> Workflows { get; init; } = ImmutableDictionary<string, WorkflowDefinition>.Empty;

    /// <summary>The terms as they were at submit; a member joining later must accept these.</summary>
    public ImmutableArray<TermsVersion> PinnedTerms { get; init; } = [];

    public ImmutableDictionary<string, DacReview> Reviews { get; init; } = ImmutableDictionary<string, DacReview>.Empty;
    public ImmutableDictionary<string, string> Assignments { get; init; } = ImmutableDictionary<string, string>.Empty;
    public string? PendingRequest { get; init; }
    public string? PendingRequestStepId { get; init; }

    /// <summary>Who asked for the information pending (to be told when the applicant answers).</summary>
    public string? PendingRequestBy { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Time spent returned to the applicant, which the decision clock does not count where the workflow says so.</summary>
    public TimeSpan Paused { get; init; }
    public ImmutableArray<string> ApprovedDatasetIds { get; init; } = [];
    public DateTimeOffset? DecidedAt { get; init; }
    public bool Overdue { get; init; }
    public DateTimeOffset? RemindedFor { get; init; }

    /// <summary>The expiry warnings recorded, so each is given once (a renewed grant's new end is a new expiry).</summary>
    public ImmutableHashSet<ExpiryWarning> WarnedExpiries { get; init; } = [];

    /// <summary>Reviewers who acted on the application (their "handled" view).</summary>
    public ImmutableSortedSet<string> Handlers { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public static string WorkflowKey(string id, int version) => $"{id}@{version}";

    public WorkflowDefinition WorkflowOf(DatasetPolicy policy) => Workflows[WorkflowKey(policy.WorkflowId, policy.WorkflowVersion)];

    public ImmutableList<Grant> Grants { get; init; } = [];

    /// <summary>When the decision clock started: the first submit, or the latest renewal request.</summary>
    public DateTimeOffset? ClockStartedAt { get; init; }
    public DateOnly? RenewalUntil { get; init; }

    public IEnumerable<Grant> ActiveGrants => Grants.Where(g => g.Status == GrantStatus.Active);

    public bool IsApplicant(string userId) => ApplicantId == userId;
    public bool IsMember(string userId) => Members.Any(m => m.UserId == userId);

    /// <summary>The applicant and the members who joined: everyone who applies.</summary>
    public IEnumerable<string> ApplyingUserIds => Members.Select(m => m.UserId).Prepend(ApplicantId);

    /// <summary>True when the user accepted every one of <paramref name="current"/> (so always, where there are no terms).</summary>
    public bool HasAccepted(string userId, IReadOnlyList<TermsVersion> current) =>
        current.Count == 0 || (AcceptedTerms.TryGetValue(userId, out var accepted) && current.All(accepted.Contains));
}
