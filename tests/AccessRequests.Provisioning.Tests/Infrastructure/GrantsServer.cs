using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AccessRequests.Provisioning.Tests.Infrastructure;

/// <summary>A tiny stand-in for the web service's <c>GET /api/grants</c> on 127.0.0.1, answering only the right bearer token.</summary>
public sealed class GrantsServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly object[] grants;
    private readonly Task loop;

    public GrantsServer(string bearerToken, params object[] grants)
    {
        this.grants = grants;
        BearerToken = bearerToken;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }
    public string BearerToken { get; }
    public List<string> Requests { get; } = [];

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            lock (Requests) Requests.Add(context.Request.Url!.PathAndQuery);
            var authorised = context.Request.Headers["Authorization"] == $"Bearer {BearerToken}";
            context.Response.StatusCode = authorised ? 200 : 401;
            context.Response.ContentType = "application/json";
            var body = Encoding.UTF8.GetBytes(authorised ? JsonSerializer.Serialize(grants, new JsonSerializerOptions(JsonSerializerDefaults.Web)) : "{}");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        // Close alone: Stop followed by Close removes the listener twice, and the second removal binds the port
        // again to find it, which fails when another test has taken the freed port meanwhile.
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
