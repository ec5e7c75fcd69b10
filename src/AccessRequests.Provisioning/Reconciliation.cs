using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning;

/// <summary>
/// At start, before the bus delivers messages, makes the file system match the service's active grants: catches
/// up with what happened while the worker was down and repairs what was changed by hand.
/// When the API is unset or unreachable the worker still starts; messages keep it current from then on.
/// </summary>
public sealed class Reconciliation(
    IOptions<ProvisioningOptions> options,
    Provisioner provisioner,
    TimeProvider clock,
    ILogger<Reconciliation> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Api.BaseUrl))
        {
            log.LogInformation("{Section}:Api:BaseUrl is not set: no reconciliation at start", ProvisioningOptions.SectionName);
            return;
        }
        var asOf = clock.GetUtcNow();
        IReadOnlyList<GrantView> grants;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            grants = await new GrantsApi(http, options).ActiveGrantsAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            log.LogError(e, "Reconciliation skipped: the grants API at {BaseUrl} could not be read", o.Api.BaseUrl);
            return;
        }
        await provisioner.ReconcileAsync(grants, asOf, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
