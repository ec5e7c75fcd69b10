namespace AccessRequests.Web.Http;

/// <summary>
/// The headers that keep a browser from running foreign script in our pages, framing them, sniffing a download into
/// HTML or leaking our URLs (application ids) to other sites. Every response gets them: pages, API, static files,
/// error pages.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The UI is server-rendered forms, one script file (app.js) and one stylesheet (app.css), both from this origin;
    /// no inline script or style, so none is allowed. form-action 'self': forms post only here (the OIDC sign-in is a
    /// link, not a form).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            // At the start of the response, not now: the exception handler and status code pages clear the headers
            // of a response they take over, and their error pages need these as much as any other.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(http);
        });
}
