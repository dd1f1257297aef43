using IwgPortal.Web.Hosting;

// The portal's entry point. Without a configured database it starts its own PostgreSQL from the
// machine's binaries (see Hosting/EmbeddedPostgres.cs) and stops it again on Ctrl+C.
var builder = WebApplication.CreateBuilder(args);

EmbeddedPostgres? embedded;
try
{
    embedded = PortalHost.EnsureDatabase(builder);
}
catch (PostgresBinariesNotFoundException ex)
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

    await app.RunAsync();
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
