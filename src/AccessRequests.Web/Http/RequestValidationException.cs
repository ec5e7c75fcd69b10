using FluentValidation.Results;

namespace AccessRequests.Web.Http;

/// <summary>A request that is well-formed but names something that does not fit (an unknown dataset or form field).</summary>
public sealed class RequestValidationException(Dictionary<string, string[]> errors) : Exception("The request is not valid.")
{
    public Dictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException Field(string field, string message) => new(new() { [field] = [message] });

    /// <summary>A validator's failures, each under its field's name in the request's JSON (camelCase).</summary>
    public static RequestValidationException From(ValidationResult result) =>
        new(result.Errors.GroupBy(f => JsonBody.Camel(f.PropertyName)).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray()));
}
