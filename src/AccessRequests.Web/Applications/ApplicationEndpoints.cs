using System.Text.Json.Nodes;
using AccessRequests.Domain;
using AccessRequests.Domain.Applications;
using AccessRequests.EventStore;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Http;
using FluentValidation;
using Microsoft.Net.Http.Headers;

namespace AccessRequests.Web.Applications;

public static class ApplicationEndpoints
{
    public static void MapApplications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/applications").WithTags("Applications").RequireAuthorization();
        group.MapPost("/", Handler.Of(http => AsActor(http, Create)));
        group.MapPost("/{id:guid}/{command}", (Guid id, string command, HttpContext http) => AsActor(http, (_, context) => RunCommand(http, id, command, context)));
        group.MapGet("/{id:guid}", (Guid id, HttpContext http) => AsActor(http, (actor, _) => Get(http, id, actor)));
        group.MapGet("/", (string? view, HttpContext http) => AsActor(http, (actor, _) => List(http, view, actor)));
        group.MapGet("/{id:guid}/events", (Guid id, HttpContext http) => AsActor(http, (actor, _) => History(http, id, actor)));
    }

    /// <summary>Resolves the actor and turns every refusal into its problem details; a bug stays a 500.</summary>
    internal static async Task<IResult> AsActor(HttpContext http, Func<Actor, CommandContext, Task<IResult>> handle)
    {
        var services = http.RequestServices;
        var actor = await services.GetRequiredService<Actors>().CurrentAsync(http.User, http.RequestAborted);
        if (actor is null)
        {
            return Results.Unauthorized();
        }
        var context = new CommandContext(http, actor, services.GetRequiredService<TimeProvider>().GetUtcNow(), services.GetRequiredService<CatalogueStore>());
        try
        {
            return await handle(actor, context);
        }
        catch (DomainException e)
        {
            return Problems.Domain(e);
        }
        catch (RequestValidationException e)
        {
            return Problems.Validation(e.Errors);
        }
        catch (CommandRunner.StaleVersionException e)
        {
            return Problems.PreconditionFailed(e.Current);
        }
        catch (CommandRunner.NotFoundException e)
        {
            return Problems.NotFound($"Application {e.ApplicationId}");
        }
        catch (ConcurrencyException)
        {
            return Problems.Conflict("application.concurrent-change", "The application was changed by someone else at the same time; reload it and try again.");
        }
    }

    private static async Task<IResult> Create(Actor actor, CommandContext context)
    {
        var http = context.Http;
        RefuseMachineClients(actor);
        var (request, problem) = await JsonBody.ReadAsync(http.Request, http.RequestServices.GetRequiredService<IValidator<CommandRequests.Create>>());
        if (problem is not null)
        {
            return problem;
        }
        var (id, version) = await StartAsync(request!.DatasetIds, context);
        http.Response.Headers.ETag = $"\"{version}\"";
        return Results.Created($"/api/applications/{id}", new { id, version });
    }

    /// <summary>Provisioning clients read grants and visas; they do not apply (through the API or the UI).</summary>
    private static void RefuseMachineClients(Actor actor)
    {
        if (actor.Roles.Contains(Role.Provisioning))
        {
            throw DomainException.Forbidden("create.machine-client", "Provisioning clients read grants and visas; they do not apply.");
        }
    }

    /// <summary>Starts a draft for datasets of the catalogue (the request already validated); unknown datasets are a validation error.</summary>
    public static async Task<(Guid Id, long Version)> StartAsync(IReadOnlyList<string> datasetIds, CommandContext context)
    {
        RefuseMachineClients(context.Actor);
        var known = (await context.Catalogue.GetDatasetsAsync(datasetIds, context.Ct)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = new Dictionary<string, string[]>();
        for (var i = 0; i < datasetIds.Count; i++)
        {
            if (!known.Contains(datasetIds[i]))
            {
                unknown[$"datasetIds[{i}]"] = [$"There is no dataset '{datasetIds[i]}'."];
            }
        }
        if (unknown.Count > 0)
        {
            throw new RequestValidationException(unknown);
        }
        var id = Guid.CreateVersion7();
        var outcome = await context.Http.RequestServices.GetRequiredService<CommandRunner>().RunAsync(
            id, null, context.Http.TraceIdentifier,
            _ => Task.FromResult<ApplicationCommand>(new ApplicationCommand.Create(context.Actor, context.Now, id, datasetIds)),
            context.Ct,
            creates: true);
        return (id, outcome.Version);
    }

    private static async Task<IResult> RunCommand(HttpContext http, Guid id, string command, CommandContext context)
    {
        // As with create: a machine client must not join an application (an invitation token is accepted from anyone).
        if (context.Actor.Roles.Contains(Role.Provisioning))
        {
            return Problems.Forbidden("command.machine-client", "Provisioning clients read grants and visas; they do not take part in applications.");
        }
        if (!Commands.All.TryGetValue(command, out var endpoint))
        {
            return Problems.NotFound($"The command '{command}'");
        }
        if (!TryIfMatch(http, out var ifMatch))
        {
            return Problems.Field("If-Match", "If-Match is the application's version in quotes, e.g. \"3\".");
        }
        // An unknown application is found by the command's own read of its stream (CommandRunner.NotFoundException).
        return await endpoint.HandleAsync(http, id, ifMatch, context);
    }

    private static async Task<IResult> Get(HttpContext http, Guid id, Actor actor)
    {
        var (view, refused) = await ReadableView(http, id, actor);
        if (refused is not null)
        {
            return refused;
        }
        http.Response.Headers.ETag = $"\"{view!.Version}\"";
        return Results.Ok(view.For(actor));
    }

    private static async Task<IResult> List(HttpContext http, string? view, Actor actor)
    {
        var (query, refused) = QueryFor(view, actor);
        if (refused is not null)
        {
            return refused;
        }
        var rows = await http.RequestServices.GetRequiredService<IEventStore>().ListApplicationsAsync(query!, http.RequestAborted);
        return Results.Ok(rows.Select(r => ApplicationSummary.From(ApplicationView.FromRow(r))));
    }

    /// <summary>Which applications a list view shows <paramref name="actor"/>: their own, their work to do, what they handled, or all.</summary>
    public static (ApplicationQuery? Query, IResult? Refused) QueryFor(string? view, Actor actor) => (view ?? "mine") switch
    {
        "mine" => (new ApplicationQuery([actor.UserId], [Relations.Applicant, Relations.Member]), null),
        "all" when actor.IsSteward || actor.IsAuditor => (new ApplicationQuery([], []), null),
        "todo" => (new ApplicationQuery(Inbox.IdsOf(actor), [Inbox.Todo], OrderByDeadline: true), null),
        "handled" => (new ApplicationQuery([actor.UserId], [Inbox.Handled]), null),
        "all" => (null, Problems.Forbidden("view.all-staff-only", "Only data stewards, auditors and administrators may list all applications.")),
        _ => (null, Problems.Field("view", "The view is 'mine', 'todo', 'handled' or 'all'.")),
    };

    private static async Task<IResult> History(HttpContext http, Guid id, Actor actor)
    {
        var (view, refused) = await ReadableView(http, id, actor);
        if (refused is not null)
        {
            return refused;
        }
        var entries = (await VisibleHistoryAsync(http.RequestServices.GetRequiredService<IEventStore>(), view!, actor, http.RequestAborted))
            .Select(p => new
            {
                id = p.Recorded.EventId,
                version = p.Recorded.StreamVersion,
                type = p.Recorded.Type,
                actor = p.Event.ActorId,
                at = p.Event.At,
                data = WithoutSecrets(p.Recorded.Data),
            });
        return Results.Ok(entries);
    }

    private static async Task<(ApplicationView? View, IResult? Refused)> ReadableView(HttpContext http, Guid id, Actor actor)
    {
        var row = await http.RequestServices.GetRequiredService<IEventStore>().GetApplicationAsync(id, http.RequestAborted);
        if (row is null)
        {
            return (null, Problems.NotFound($"Application {id}"));
        }
        var view = ApplicationView.FromRow(row);
        return view.CanBeReadBy(actor)
            ? (view, null)
            : (null, Problems.Forbidden("application.not-participant", "Only the people on an application and data stewards may read it."));
    }

    /// <summary>The application's events that <paramref name="actor"/> may see (no votes or internal comments for applicants).</summary>
    public static async Task<IReadOnlyList<(RecordedEvent Recorded, ApplicationEvent Event)>> VisibleHistoryAsync(
        IEventStore store, ApplicationView view, Actor actor, CancellationToken ct)
    {
        var slice = await store.ReadStreamAsync(ApplicationStreams.StreamId(view.Id), ct);
        return [.. slice.Events
            .Where(ApplicationStreams.IsApplicationEvent)
            .Select(e => (Recorded: e, Event: ApplicationStreams.ToDomain(e)))
            .Where(p => ApplicationAccess.CanSee(p.Event, view.Review.DacIds, actor))];
    }

    /// <summary>An invitation's token hash is nobody's business but the decider's.</summary>
    private static JsonNode? WithoutSecrets(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is JsonObject o)
        {
            o.Remove("tokenHash");
        }
        return node;
    }

    private static bool TryIfMatch(HttpContext http, out long? version)
    {
        version = null;
        var header = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        if (long.TryParse(value.Trim('"'), out var parsed) && parsed >= 0)
        {
            version = parsed;
            return true;
        }
        return false;
    }
}

public sealed record ApplicationSummary(
    Guid Id, string Status, string? Title, string ApplicantId, IReadOnlyList<string> DatasetIds, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? Deadline, bool Overdue)
{
    public static ApplicationSummary From(ApplicationView v) =>
        new(v.Id, v.Status, v.Title, v.Applicant.Id, v.DatasetIds, v.Version, v.CreatedAt, v.UpdatedAt, v.SubmittedAt,
            v.Review.Deadline, v.Review.Overdue);
}
