using AccessRequests.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
var options = builder.AddAccessRequests();

var app = builder.Build();
await app.PrepareAsync(options);
app.MapAccessRequests();
await app.RunAsync();

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
