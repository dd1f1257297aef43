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
        if (migrate)
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
