using AccessRequests.Provisioning;
using Microsoft.Extensions.Hosting;

// Configuration: the Provisioning section of appsettings.json beside the binary, or environment variables
// (Provisioning__Location, Provisioning__RabbitMq__Host, ...).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddProvisioningWorker();
await builder.Build().RunAsync();
