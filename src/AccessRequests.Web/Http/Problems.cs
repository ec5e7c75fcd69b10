using AccessRequests.Domain;

namespace AccessRequests.Web.Http;

/// <summary>RFC 9457 problem details for every refusal the API gives.</summary>
public static class Problems
{
    public static IResult Validation(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid.", type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static IResult Field(string field, string message) => Validation(new() { [field] = [message] });

    public static IResult Domain(DomainException e) =>
        Results.Problem(
            statusCode: e.Kind == DomainErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
            title: e.Message,
            extensions: new Dictionary<string, object?> { ["rule"] = e.Rule, ["details"] = e.Details });

    public static IResult Forbidden(string rule, string message) => Domain(DomainException.Forbidden(rule, message));

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} was not found.");

    public static IResult Conflict(string rule, string message) => Domain(DomainException.Conflict(rule, message));

    public static IResult PreconditionFailed(long current) =>
        Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: $"The application has changed: it is at version {current}. Reload it and try again.",
            extensions: new Dictionary<string, object?> { ["rule"] = "if-match.stale", ["currentVersion"] = current });

    public static IResult TooLarge(long max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body is larger than {max} bytes.");
}
