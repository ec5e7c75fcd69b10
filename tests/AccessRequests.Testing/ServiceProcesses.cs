using System.Diagnostics;

namespace AccessRequests.Testing;

/// <summary>The service as a process of its own (start-up timing, crashes): <c>dotnet AccessRequests.Web.dll</c>.</summary>
public static class ServiceProcesses
{
    /// <summary>
    /// How to start the service from its build output (<paramref name="serviceDll"/>: the Web assembly's location), in
    /// that folder, its output and errors redirected; the caller adds the environment.
    /// </summary>
    public static ProcessStartInfo StartInfo(string serviceDll) => new("dotnet")
    {
        ArgumentList = { serviceDll },
        WorkingDirectory = Path.GetDirectoryName(serviceDll)!,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
}
