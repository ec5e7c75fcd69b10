namespace AccessRequests.Web.Http;

public static class Handler
{
    /// <summary>
    /// A route handler that takes only the HttpContext, typed so that minimal APIs write the IResult it returns
    /// (a bare lambda over HttpContext would be taken for a RequestDelegate and its result dropped).
    /// </summary>
    public static Delegate Of(Func<HttpContext, Task<IResult>> handle) => handle;
}
