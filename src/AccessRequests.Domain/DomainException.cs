namespace AccessRequests.Domain;

public enum DomainErrorKind
{
    /// <summary>The command does not fit the application's state (HTTP 409).</summary>
    Conflict,

    /// <summary>The actor may not do this (HTTP 403).</summary>
    Forbidden,
}

/// <summary>The one error a decider raises to refuse a command; <see cref="Rule"/> names the rule broken.</summary>
public sealed class DomainException(DomainErrorKind kind, string rule, string message, IReadOnlyList<string>? details = null)
    : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;
    public string Rule { get; } = rule;
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public static DomainException Conflict(string rule, string message, IReadOnlyList<string>? details = null) =>
        new(DomainErrorKind.Conflict, rule, message, details);

    public static DomainException Forbidden(string rule, string message) =>
        new(DomainErrorKind.Forbidden, rule, message);
}
