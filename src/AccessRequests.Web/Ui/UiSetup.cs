using AccessRequests.Web.Auth;
using Microsoft.AspNetCore.Localization;

namespace AccessRequests.Web.Ui;

/// <summary>The browser UI: Blazor static server rendering in English and Danish, beside the API in the same host.</summary>
public static class UiSetup
{
    public static IServiceCollection AddUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddSingleton<Texts>();
        services.AddScoped<UiSession>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "accessrequests.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            // Secure comes from the cookie policy (ServiceSetup): antiforgery's own Always would refuse every request
            // that reaches the service as http behind a TLS-terminating proxy.
        });
        return services;
    }

    /// <summary>The language from the reader's choice (a cookie), else the browser's; English where neither says Danish.</summary>
    public static void UseUiLanguage(this WebApplication app) =>
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("en");
            o.AddSupportedCultures([.. Texts.Languages]);
            o.AddSupportedUICultures([.. Texts.Languages]);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

    /// <summary>A browser navigating to a page (not the API, not a script's fetch of JSON).</summary>
    public static bool WantsPage(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/dev-issuer")
        && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static void MapUi(this WebApplication app)
    {
        app.MapGet("/language/{language}", (string language, string? returnUrl, HttpContext http) =>
        {
            if (!Texts.Languages.Contains(language))
            {
                return Results.NotFound();
            }
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.Redirect(SignInEndpoints.LocalOrRoot(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapStaticAssets();
        app.MapRazorComponents<App>();
    }
}
