using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning;

/// <summary>One grant as <c>GET /api/grants</c> returns it.</summary>
public sealed record GrantView(
    Guid GrantId,
    Guid ApplicationId,
    string UserId,
    string DatasetId,
    string Location,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    string Status);

/// <summary>Reads the active grants of this location from the service, with the machine client's bearer token.</summary>
public sealed class GrantsApi(HttpClient http, IOptions<ProvisioningOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<GrantView>> ActiveGrantsAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var baseUrl = new Uri(o.Api.BaseUrl!.TrimEnd('/') + "/");
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(baseUrl, $"api/grants?location={Uri.EscapeDataString(o.Location)}&active=true"));
        if (!string.IsNullOrEmpty(o.Api.BearerToken))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.Api.BearerToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<GrantView>>(Json, cancellationToken)
            ?? throw new JsonException("The grants API answered null.");
    }
}
