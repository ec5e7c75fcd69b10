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
        var outcome = await RunAsync(request!, applicationId, ifMatch, context);
        http.Response.Headers.ETag = $"\"{outcome.Version}\"";
        return Results.Ok(Answer?.Invoke(request!, outcome) ?? new { id = outcome.Id, version = outcome.Version });
    }

    /// <summary>
    /// Decides the command on the application as it is now without recording anything: throws the refusal the command
    /// would meet (a form that does several things checks its last step before taking the first).
    /// </summary>
    public async Task CheckAsync(TRequest request, Guid applicationId, CommandContext context)
    {
        var (_, state) = await context.Http.RequestServices.GetRequiredService<ApplicationStates>().CurrentAsync(applicationId, context.Ct);
        ApplicationDecider.Decide(await build(request, context, state), state);
    }

    /// <summary>Runs the command with a request already read and validated (the API's JSON body or a UI form).</summary>
    public Task<CommandRunner.Outcome> RunAsync(TRequest request, Guid applicationId, long? ifMatch, CommandContext context) =>
        context.Http.RequestServices.GetRequiredService<CommandRunner>().RunAsync(
            applicationId,
            ifMatch,
            context.Http.TraceIdentifier,
            state => build(request, context, state),
            context.Ct,
            StartsNew is null ? null : state => StartsNew(request, context, state));
}
