namespace AccessRequests.Web.Http;

/// <summary>A request that is well-formed but names something that does not fit (an unknown dataset or form field).</summary>
public sealed class RequestValidationException(Dictionary<string, string[]> errors) : Exception("The request is not valid.")
{
    public Dictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException Field(string field, string message) => new(new() { [field] = [message] });
}
