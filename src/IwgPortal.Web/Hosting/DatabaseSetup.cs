using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Hosting;

/// <summary>Migrations, reference data and (on a developer's machine) demo data, at start-up.</summary>
public static class DatabaseSetup
{
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool migrate, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // With nothing to apply, Migrate would still compare the model with the snapshot: half a
        // second of every later start (docs/performance.md). MigrationsTests makes that comparison.
        if (migrate && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await ReferenceData.SeedAsync(db, cancellationToken);
        if (scope.ServiceProvider.GetRequiredService<DemoMode>().IsEnabled)
        {
            await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        }
    }
}
