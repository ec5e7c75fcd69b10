using System.Text.Json;
using System.Text.Json.Serialization;
using AccessRequests.Web.Applications;
using AccessRequests.Web.Auth;
using AccessRequests.Web.Catalogue;
using AccessRequests.Web.Grants;
using AccessRequests.Web.Http;
using AccessRequests.Web.Notifications;
using AccessRequests.Web.Relay;
using AccessRequests.Web.Ui;
using AccessRequests.Web.Visas;
using AccessRequests.Web.Workflows;
using FluentValidation;

namespace AccessRequests.Web.Hosting;

public static class ServiceSetup
{
    /// <summary>Reads and checks the configuration, and registers everything the service needs.</summary>
    public static ServiceOptions AddAccessRequests(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ServiceOptions.Section);
        var options = section.Get<ServiceOptions>() ?? new ServiceOptions();
        builder.Services.Configure<ServiceOptions>(section);

        var developmentIssuer = options.Auth.DevelopmentIssuer.Enabled ?? builder.Environment.IsDevelopment();
        if (developmentIssuer && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                "AccessRequests:Auth:DevelopmentIssuer:Enabled is on in Production: anyone could sign in as anyone. Turn it off and configure AccessRequests:Auth:Issuers.");
        }

        // The static-assets fallback route ({**path:file}, GET only) would answer 405 to a POST anywhere unknown: 404 is the truth.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";
        // The hosting layer logs each request's full URL, query string included, and an invitation link carries its
        // token there (/invitations/{id}?token=...): whoever reads the logs could join the application. A rule in code
        // for this category beats the configuration's broader ones (Microsoft.AspNetCore: Information or Debug).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddEventStore(builder.Configuration, options);
        builder.Services.AddSingleton<CatalogueStore>();
        builder.Services.AddSingleton<ApplicationStates>();
        builder.Services.AddSingleton<CommandRunner>();
        builder.Services.AddSingleton<Actors>();
        builder.Services.AddSingleton(WorkflowRegistry.Load(options.Workflows.Directory ?? Path.Combine(AppContext.BaseDirectory, "workflows")));
        builder.Services.AddSingleton(PolicyRegistry.Load(Path.Combine(AppContext.BaseDirectory, "Seed")));
        builder.Services.AddSingleton<DeadlineTimer>();
        builder.Services.AddSingleton<VisaKeys>();
        builder.Services.AddGrantBus(builder.Configuration, options);
        builder.Services.AddHostedService(s => s.GetRequiredService<DeadlineTimer>());
        builder.Services.AddNotifications(options);
        builder.Services.AddValidators();
        builder.Services.AddServiceAuthentication(options, developmentIssuer);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<Http.StoreUnavailable>();
        builder.Services.AddOpenApi();
        builder.Services.AddUi();
        // Every cookie the service sets (session, antiforgery, language, sign-in correlation): never readable by script,
        // not sent on another site's POST, and Secure when users reach the service over https, even where a
        // TLS-terminating proxy hands the request on as http.
        builder.Services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
            o.Secure = options.HttpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return options;
    }

    /// <summary>Every FluentValidation validator of this assembly, as IValidator&lt;T&gt; (the DI extensions package is not served here).</summary>
    private static void AddValidators(this IServiceCollection services)
    {
        foreach (var type in typeof(ServiceSetup).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)))
            {
                services.AddSingleton(contract, type);
            }
        }
    }

    /// <summary>Creates missing tables unless told not to (never replays events) and seeds the demo catalogue where asked.</summary>
    public static async Task PrepareAsync(this WebApplication app, ServiceOptions options)
    {
        var store = app.Services.GetRequiredService<EventStore.IEventStore>();
        if (options.Store.CreateSchema)
        {
            await store.InitializeAsync();
        }
        if (options.Demo.Seed ?? options.Store.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            await DemoCatalogue.SeedIfEmptyAsync(app.Services, CancellationToken.None);
        }
        await app.Services.StartNotificationsAsync();
        await BusSetup.PrepareEmbeddedWorkerAsync(app.Services, options);
    }

    public static void MapAccessRequests(this WebApplication app)
    {
        // First, so that every response has them, the error handlers' own included.
        app.UseSecurityHeaders();
        app.UseCookiePolicy();
        app.UseCrossSiteApiRefusal();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Inside the above: a browser asking for a page gets the UI's error page; API callers keep problem details.
        app.UseWhen(UiSetup.WantsPage, page => page.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
        // After the status code pages, so that a re-executed request is routed again.
        app.UseRouting();
        app.UseUiLanguage();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapOperations();
        app.MapDatasets();
        app.MapDacs();
        app.MapRoles();
        app.MapApplications();
        app.MapAttachments();
        app.MapWorkflows();
        app.MapGrants();
        app.MapNotifications();
        app.MapPassports();
        app.MapSignIn();
        if (app.Services.GetService<DevelopmentIssuer>() is not null)
        {
            app.MapDevelopmentIssuer();
        }
        app.MapUi();
    }
}
