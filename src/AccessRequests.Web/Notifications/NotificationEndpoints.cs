using AccessRequests.Domain;
using AccessRequests.EventStore;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Http;
using AccessRequests.Web.Ui;
using FluentValidation;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// <c>/api/notifications</c>: each user's own notification list (read and unread) and how they want to be told;
/// for admins, the e-mail outbox with the mails that could not be sent, and a way to send one again.
/// </summary>
public static class NotificationEndpoints
{
    public const int ListLimit = 200;

    public sealed record NotificationView(
        Guid Id, string Kind, Guid? ApplicationId, string Subject, IReadOnlyList<string> Lines, string Path, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    public sealed record ListView(int Unread, IReadOnlyList<NotificationView> Items);

    public sealed record MailView(
        Guid Id, string To, string Subject, string Language, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset DueAt,
        DateTimeOffset? SentAt, string? LastError);

    public sealed class Preferences
    {
        public string Language { get; set; } = "";

        /// <summary><c>immediate</c> or <c>daily</c>.</summary>
        public string Frequency { get; set; } = "";
    }

    public sealed class PreferencesValidator : AbstractValidator<Preferences>
    {
        public PreferencesValidator()
        {
            RuleFor(p => p.Language).Must(Texts.Languages.Contains).WithMessage("The language is one of: " + string.Join(", ", Texts.Languages) + ".");
            RuleFor(p => p.Frequency).Must(f => ParseFrequency(f) is not null).WithMessage("The frequency is immediate or daily.");
        }
    }

    public sealed class ReadRequest
    {
        /// <summary>The notifications to mark read; none (null): all of them.</summary>
        public List<Guid>? Ids { get; set; }
    }

    public sealed class ReadRequestValidator : AbstractValidator<ReadRequest>
    {
        public ReadRequestValidator() => RuleFor(r => r.Ids).Must(ids => ids is null || ids.Count <= ListLimit).WithMessage($"At most {ListLimit} ids at once.");
    }

    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", Handler.Of(http => ApplicationEndpoints.AsActor(http, async (actor, x) =>
            Results.Ok(await ListAsync(http.RequestServices, actor, Texts.Language, x.Ct)))));
        group.MapPost("/read", Handler.Of(http => ApplicationEndpoints.AsActor(http, async (actor, x) =>
        {
            var (request, problem) = await JsonBody.ReadAsync(http.Request, Validator<ReadRequest>(http), emptyMeansDefault: true);
            return problem ?? Results.Ok(new { changed = await MarkReadAsync(http.RequestServices, actor, request!.Ids, x.Ct) });
        })));
        group.MapGet("/preferences", Handler.Of(http => ApplicationEndpoints.AsActor(http, async (actor, x) =>
            Results.Ok(await PreferencesOfAsync(http.RequestServices, actor, x.Ct)))));
        group.MapPut("/preferences", Handler.Of(http => ApplicationEndpoints.AsActor(http, async (actor, x) =>
        {
            var (request, problem) = await JsonBody.ReadAsync(http.Request, Validator<Preferences>(http));
            if (problem is not null)
            {
                return problem;
            }
            await SetPreferencesAsync(http.RequestServices, actor, request!, x.Ct);
            return Results.Ok(await PreferencesOfAsync(http.RequestServices, actor, x.Ct));
        })));
        group.MapGet("/mail", (string? state, HttpContext http) => ApplicationEndpoints.AsActor(http, async (actor, x) =>
        {
            EnsureAdmin(actor);
            var wanted = StateNamed(state);
            if (state is not null && wanted is null)
            {
                return Problems.Field("state", "The state is pending, sent or failed.");
            }
            return Results.Ok(await MailAsync(http.RequestServices, actor, wanted, x.Ct));
        }));
        group.MapPost("/mail/{id:guid}/retry", (Guid id, HttpContext http) => ApplicationEndpoints.AsActor(http, async (actor, x) =>
            await RetryAsync(http.RequestServices, actor, id, x.Now, x.Ct)
                ? Results.NoContent()
                : Problems.NotFound("a failed e-mail with that id")));
    }

    public static async Task<ListView> ListAsync(IServiceProvider services, Actor actor, string language, CancellationToken ct)
    {
        var store = services.GetRequiredService<INotificationStore>();
        var rows = await store.ListNotificationsAsync(actor.UserId, ListLimit, ct);
        var composer = services.GetRequiredService<MailComposer>();
        return new ListView(await store.CountUnreadAsync(actor.UserId, ct), [.. rows.Select(row =>
        {
            var stored = MailComposer.Read(row);
            var words = MailTexts.Render(row.Kind, stored.Facts, language);
            return new NotificationView(row.Id, row.Kind, row.ApplicationId, words.Subject, words.Lines, composer.PathOf(stored.Page, stored.Facts), row.CreatedAt, row.ReadAt);
        })]);
    }

    public static Task<int> UnreadAsync(IServiceProvider services, Actor actor, CancellationToken ct) =>
        services.GetRequiredService<INotificationStore>().CountUnreadAsync(actor.UserId, ct);

    public static Task<int> MarkReadAsync(IServiceProvider services, Actor actor, IReadOnlyCollection<Guid>? ids, CancellationToken ct) =>
        services.GetRequiredService<INotificationStore>().MarkReadAsync(actor.UserId, ids, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);

    public static async Task<Preferences> PreferencesOfAsync(IServiceProvider services, Actor actor, CancellationToken ct)
    {
        var user = (await services.GetRequiredService<INotificationStore>().GetUsersAsync([actor.UserId], ct)).FirstOrDefault();
        return new Preferences
        {
            Language = user?.Language ?? Texts.Language,
            Frequency = (user?.Frequency ?? MailFrequency.Immediate) == MailFrequency.Daily ? "daily" : "immediate",
        };
    }

    /// <summary>Saves the user's choice; refuses with <see cref="RequestValidationException"/> when it is not one.</summary>
    public static async Task SetPreferencesAsync(IServiceProvider services, Actor actor, Preferences preferences, CancellationToken ct)
    {
        var result = await services.GetRequiredService<IValidator<Preferences>>().ValidateAsync(preferences, ct);
        if (!result.IsValid)
        {
            throw RequestValidationException.From(result);
        }
        await services.GetRequiredService<INotificationStore>().SetPreferencesAsync(
            actor.UserId, preferences.Language, ParseFrequency(preferences.Frequency)!.Value, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
    }

    public static async Task<IReadOnlyList<MailView>> MailAsync(IServiceProvider services, Actor actor, MailState? state, CancellationToken ct)
    {
        EnsureAdmin(actor);
        var rows = await services.GetRequiredService<INotificationStore>().ListMailAsync(state, ListLimit, ct);
        return [.. rows.Select(r => new MailView(r.Mail.Id, r.Mail.To, r.Mail.Subject, r.Mail.Language, r.State.ToString().ToLowerInvariant(), r.Attempts,
            r.Mail.CreatedAt, r.DueAt, r.SentAt, r.LastError))];
    }

    public static Task<bool> RetryAsync(IServiceProvider services, Actor actor, Guid mailId, DateTimeOffset now, CancellationToken ct)
    {
        EnsureAdmin(actor);
        return services.GetRequiredService<INotificationStore>().RetryMailAsync(mailId, now, ct);
    }

    private static void EnsureAdmin(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw DomainException.Forbidden("notifications.admin-only", "Only administrators may see and resend the service's e-mails.");
        }
    }

    /// <summary>The outbox state a query names (<c>pending</c>, <c>sent</c>, <c>failed</c>, in any case); null for anything else.</summary>
    public static MailState? StateNamed(string? name) => name?.ToLowerInvariant() switch
    {
        "pending" => MailState.Pending,
        "sent" => MailState.Sent,
        "failed" => MailState.Failed,
        _ => null,
    };

    private static MailFrequency? ParseFrequency(string? frequency) => frequency switch
    {
        "immediate" => MailFrequency.Immediate,
        "daily" => MailFrequency.Daily,
        _ => null,
    };

    private static IValidator<T> Validator<T>(HttpContext http) => http.RequestServices.GetRequiredService<IValidator<T>>();
}
