using System.Text.Json;
using AccessRequests.Domain;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Http;
using FluentValidation;

namespace AccessRequests.Web.Ui;

/// <summary>
/// What a page needs of the request: who is signed in, the applications they may read, and commands run exactly as
/// the API runs them (same validators, same runner, same refusals), with the outcome put in the reader's language.
/// </summary>
public sealed class UiSession(IHttpContextAccessor accessor, Actors actors, TimeProvider clock, CatalogueStore catalogue, IEventStore store, Texts texts)
{
    private Actor? actor;
    private bool resolved;

    public HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("The UI renders only within a request.");

    public CatalogueStore Catalogue => catalogue;

    public IEventStore Store => store;

    public CancellationToken Ct => Http.RequestAborted;

    /// <summary>The signed-in person as the domain sees them (roles from the service's data), or null.</summary>
    public async Task<Actor?> ActorAsync()
    {
        if (!resolved)
        {
            actor = await actors.CurrentAsync(Http.User, Ct);
            resolved = true;
        }
        return actor;
    }

    public async Task<Actor> RequiredActorAsync() =>
        await ActorAsync() ?? throw new InvalidOperationException("The page requires sign-in ([Authorize]).");

    /// <summary>The application as <paramref name="reader"/> may see it; null when there is none or they may not read it.</summary>
    public async Task<(ApplicationView? View, bool Forbidden)> ApplicationAsync(Guid id, Actor reader)
    {
        var row = await store.GetApplicationAsync(id, Ct);
        if (row is null)
        {
            return (null, false);
        }
        var view = ApplicationView.FromRow(row);
        return view.CanBeReadBy(reader) ? (view.For(reader), false) : (null, true);
    }

    /// <summary>The rows of a list view ('mine', 'todo', 'handled', 'all'), or null when the view is not theirs.</summary>
    public async Task<IReadOnlyList<ApplicationView>?> ListAsync(string view, Actor reader)
    {
        var (query, refused) = ApplicationEndpoints.QueryFor(view, reader);
        if (refused is not null)
        {
            return null;
        }
        return [.. (await store.ListApplicationsAsync(query!, Ct)).Select(r => ApplicationView.FromRow(r).For(reader))];
    }

    /// <summary>Runs the API's command <paramref name="command"/> on an application at the version the page showed.</summary>
    public Task<UiResult> RunAsync<TRequest>(Guid applicationId, string command, TRequest request, long? version)
        where TRequest : class, new() =>
        Guarded(async context =>
        {
            Validate(request);
            var endpoint = (CommandEndpoint<TRequest>)Commands.All[command];
            var outcome = await endpoint.RunAsync(request, applicationId, version, context);
            return UiResult.Done(outcome.Started is { } started ? started.Id : outcome.Id, outcome.Version);
        });

    /// <summary>Validates and decides the command without recording it: the refusal it would meet now, or Ok.</summary>
    public Task<UiResult> CheckAsync<TRequest>(Guid applicationId, string command, TRequest request)
        where TRequest : class, new() =>
        Guarded(async context =>
        {
            Validate(request);
            await ((CommandEndpoint<TRequest>)Commands.All[command]).CheckAsync(request, applicationId, context);
            return UiResult.Done(applicationId, 0);
        });

    /// <summary>Starts a draft for the datasets.</summary>
    public Task<UiResult> StartAsync(IReadOnlyList<string> datasetIds) =>
        Guarded(async context =>
        {
            var request = new CommandRequests.Create { DatasetIds = [.. datasetIds] };
            Validate(request);
            var (id, version) = await ApplicationEndpoints.StartAsync(request.DatasetIds, context);
            return UiResult.Done(id, version);
        });

    /// <summary>Runs <paramref name="work"/> as the signed-in person and turns every refusal into a message for the page.</summary>
    public async Task<UiResult> Guarded(Func<CommandContext, Task<UiResult>> work)
    {
        var current = await ActorAsync();
        if (current is null)
        {
            return UiResult.Refused(StatusCodes.Status401Unauthorized, texts["Your session has ended. Sign in again."]);
        }
        try
        {
            return await work(new CommandContext(Http, current, clock.GetUtcNow(), catalogue));
        }
        catch (DomainException e)
        {
            return UiResult.Refused(e.Kind == DomainErrorKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, texts.Error(e));
        }
        catch (RequestValidationException e)
        {
            return UiResult.Invalid(e.Errors.ToDictionary(p => p.Key, p => p.Value.Select(m => texts[m]).ToArray()), texts["Some fields need your attention."]);
        }
        catch (CommandRunner.NotFoundException)
        {
            return UiResult.Refused(StatusCodes.Status404NotFound, texts["There is no such application."]);
        }
        catch (CommandRunner.StaleVersionException)
        {
            return UiResult.Refused(StatusCodes.Status412PreconditionFailed, texts["Someone changed the application while you had it open. Reload the page to see their change, then try again."]);
        }
        catch (ConcurrencyException)
        {
            return UiResult.Refused(StatusCodes.Status409Conflict, texts["Someone changed the application at the same moment. Reload the page and try again."]);
        }
    }

    private void Validate<TRequest>(TRequest request)
    {
        // A form can carry what no person types (%00, escape sequences) as well as a JSON body can: the same refusal.
        if (JsonStrings.FirstUnsafe(JsonSerializer.SerializeToUtf8Bytes(request, JsonBody.Options), JsonBody.Options.MaxDepth) is { } field)
        {
            throw RequestValidationException.Field(field, JsonStrings.Refusal);
        }
        if (Http.RequestServices.GetService<IValidator<TRequest>>() is not { } validator)
        {
            return;
        }
        var result = validator.Validate(request);
        if (!result.IsValid)
        {
            throw RequestValidationException.From(result);
        }
    }
}

/// <summary>What a form's command came to: done (the application and its new version), or the messages to show.</summary>
public sealed record UiResult(bool Ok, Guid Id, long Version, int Status, string? Message, IReadOnlyDictionary<string, string[]> Errors)
{
    public static UiResult Done(Guid id, long version) => new(true, id, version, StatusCodes.Status200OK, null, new Dictionary<string, string[]>());

    public static UiResult Refused(int status, string message) => new(false, Guid.Empty, 0, status, message, new Dictionary<string, string[]>());

    public static UiResult Invalid(IReadOnlyDictionary<string, string[]> errors, string message) =>
        new(false, Guid.Empty, 0, StatusCodes.Status400BadRequest, message, errors);

    public IEnumerable<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>The aria-invalid value of a field's control: "true", or no attribute (Blazor writes a bare attribute for a bool, which means false).</summary>
    public string? AriaInvalid(string field) => ErrorsFor(field).Any() ? "true" : null;
}
