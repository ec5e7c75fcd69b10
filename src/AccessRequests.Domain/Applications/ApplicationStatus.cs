namespace AccessRequests.Domain.Applications;

public enum ApplicationStatus
{
    /// <summary>No event yet: the stream does not exist.</summary>
    None,
    Draft,
    Submitted,
    Returned,
    Approved,
    Rejected,
    Withdrawn,
    Closed,
    Revoked,
}

public static class ApplicationStatusExtensions
{
    /// <summary>Nothing more happens to the application itself; only copy-as-new and comments by staff.</summary>
    public static bool IsFinal(this ApplicationStatus status) =>
        status is ApplicationStatus.Rejected or ApplicationStatus.Withdrawn or ApplicationStatus.Closed or ApplicationStatus.Revoked;

    public static string ToWire(this ApplicationStatus status) => status.ToString().ToLowerInvariant();
}
