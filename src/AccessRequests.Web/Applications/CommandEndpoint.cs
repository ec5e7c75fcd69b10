using AccessRequests.Domain.Applications;
using AccessRequests.Web.Http;
using FluentValidation;

namespace AccessRequests.Web.Applications;

/// <summary>One application command as the API offers it.</summary>
public abstract class CommandEndpoint(string name)
{
    public string Name { get; } = name;

    /// <summary>Reads the body; runs the command; answers <c>{ id, version }</c> (or the problem).</summary>
    public abstract Task<IResult> HandleAsync(HttpContext http, Guid applicationId, long? ifMatch, CommandContext context);
}

public sealed class CommandEndpoint<TRequest>(
    string name,
    Func<TRequest, CommandContext, ApplicationState, Task<ApplicationCommand>> build) : CommandEndpoint(name)
    where TRequest : class, new()
{
    /// <summary>An application the command starts in the same transaction (copy-as-new).</summary>
    public Func<TRequest, CommandContext, ApplicationState, CommandRunner.NewApplication?>? StartsNew { get; init; }

    public Func<TRequest, CommandRunner.Outcome, object>? Answer { get; init; }

    public override async Task<IResult> HandleAsync(HttpContext http, Guid applicationId, long? ifMatch, CommandContext context)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, http.RequestServices.GetService<IValidator<TRequest>>(), emptyMeansDefault: true);
        if (problem is not null)
        {
            return problem;
        }
        var runner = http.RequestServices.GetRequiredService<CommandRunner>();
        var outcome = await runner.RunAsync(
            applicationId,
            ifMatch,
            http.TraceIdentifier,
            state => build(request!, context, state),
            context.Ct,
            StartsNew is null ? null : state => StartsNew(request!, context, state));
        http.Response.Headers.ETag = $"\"{outcome.Version}\"";
        return Results.Ok(Answer?.Invoke(request!, outcome) ?? new { id = outcome.Id, version = outcome.Version });
    }
}
