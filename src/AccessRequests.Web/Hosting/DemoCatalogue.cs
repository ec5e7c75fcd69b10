using System.Text.Json;
using AccessRequests.Domain.Catalogue;
using AccessRequests.EventStore;
using AccessRequests.Web.Catalogue;

namespace AccessRequests.Web.Hosting;

/// <summary>
/// The demo catalogue of the embedded default: NGC and regional datasets, two DACs, and the demo staff's roles.
/// Seeded once, when the catalogue is empty; recorded as events like any admin change.
/// </summary>
public static class DemoCatalogue
{
    public const string SeedActor = "system:demo-seed";

    public sealed record Seed(List<Dac> Dacs, List<Dataset> Datasets, List<UserRoles> Roles);

    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        var catalogue = services.GetRequiredService<CatalogueStore>();
        if ((await catalogue.ListDacsAsync(ct)).Count > 0 || (await catalogue.ListDatasetsAsync(ct)).Count > 0)
        {
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Seed", "demo-catalogue.json");
        var seed = JsonSerializer.Deserialize<Seed>(await File.ReadAllTextAsync(path, ct), CatalogueStore.Json)!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        try
        {
            foreach (var dac in seed.Dacs)
            {
                await catalogue.SaveDacAsync(dac, SeedActor, now, mustBeNew: true, ct);
            }
            foreach (var dataset in seed.Datasets)
            {
                await catalogue.SaveDatasetAsync(dataset, SeedActor, now, mustBeNew: true, ct);
            }
            foreach (var roles in seed.Roles)
            {
                await catalogue.SaveRolesAsync(roles, SeedActor, now, ct);
            }
        }
        catch (ConcurrencyException)
        {
            // Another instance is seeding the same catalogue at the same time; its entries stand.
        }
    }
}
