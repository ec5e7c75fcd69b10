using AccessRequests.Web.Auth;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AccessRequests.Web.Http;

/// <summary>
/// The API takes the browser session as well as bearer tokens (a page's own fetch), and its bodies need no antiforgery
/// token, so another site's form (text/plain or multipart need no preflight) could ride on the session cookie. SameSite=Lax
/// keeps the cookie off cross-site posts in today's browsers; this refuses them again wherever the browser says where
/// the call comes from (Sec-Fetch-Site, else Origin). Bearer calls are not touched: a browser never adds a token itself.
/// </summary>
public static class CrossSiteApiCalls
{
    public static IApplicationBuilder UseCrossSiteApiRefusal(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var request = http.Request;
            if (request.Path.StartsWithSegments("/api")
                && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && request.Cookies.ContainsKey(AuthenticationSetup.SessionCookie)
                && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && FromAnotherSite(http))
            {
                return Problems.Forbidden("session.cross-site", "The session cookie is not accepted on a call from another site.").ExecuteAsync(http);
            }
            return next(http);
        });

    private static bool FromAnotherSite(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        var publicUrl = new Uri(http.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.PublicUrl);
        return !string.Equals(origin, publicUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
