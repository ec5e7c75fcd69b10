using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;

namespace AccessRequests.Web.Http;

/// <summary>
/// The database cannot be reached (stopped, restarting, failing over, out of connections): the request is answered
/// 503 with problem details and a Retry-After, not 500, because nothing is wrong with the request or the service and
/// the same request will work once the database is back. Only connection-level failures count; every other exception
/// stays a 500 so that bugs are seen.
/// </summary>
public sealed class StoreUnavailable(IProblemDetailsService problems, ILogger<StoreUnavailable> log) : IExceptionHandler
{
    public const string Rule = "store.unavailable";
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsUnavailable(exception) || http.Response.HasStarted)
        {
            return false;
        }
        log.LogWarning("{Method} {Path} answered 503: the database is unavailable ({Message}).", http.Request.Method, http.Request.Path, exception.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var written = await problems.TryWriteAsync(new()
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not reachable at the moment. Nothing was changed; try again shortly.",
                Extensions = { ["rule"] = Rule },
            },
        });
        if (!written)
        {
            // A client that accepts no JSON (a browser asking for a page) still gets the 503, in plain words.
            await http.Response.WriteAsync("The database is not reachable at the moment. Try again shortly.", ct);
        }
        return true;
    }

    /// <summary>Whether the exception, or one it wraps, says the database could not be reached or went away.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Npgsql marks connection failures (socket, I/O, timeout, pool exhausted) transient.
                case DbException { IsTransient: true }:
                // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or not yet accepting.
                case DbException { SqlState: { } state } when state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03":
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }
        return false;
    }
}
