using IwgPortal.Web.Hosting;

// The portal's entry point. Without a configured database it starts its own PostgreSQL from the
// machine's binaries (see Hosting/EmbeddedPostgres.cs) and stops it again on Ctrl+C.
var builder = WebApplication.CreateBuilder(args);

EmbeddedPostgres? embedded;
try
{
    embedded = PortalHost.EnsureDatabase(builder);
}
catch (Exception ex) when (ex is PostgresBinariesNotFoundException or EmbeddedPostgresInUseException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

try
{
    builder.AddPortal(embeddedDatabase: embedded is not null);
    var app = builder.Build();
    app.UsePortal();

    if (args.Contains("--migrate-only"))
    {
        await app.Services.PrepareDatabaseAsync(migrate: true);
        return 0;
    }

    // In production a migration job prepares the database once per release (deploy/k8s/migrate-job.yaml),
    // so replicas neither race to seed nor refuse to start while the database is away.
    if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    {
        await app.Services.PrepareDatabaseAsync(migrate: true);
    }

    try
    {
        await app.RunAsync();
    }
    catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
    {
        await Console.Error.WriteLineAsync($"{ex.Message} Stop whatever uses it, or pick another address: dotnet run --project src/IwgPortal.Web --urls http://localhost:5081");
        return 1;
    }

    return 0;
}
finally
{
    embedded?.Stop();
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program
{
}
