using IwgPortal.Web.Hosting.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IwgPortal.Web.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the portal (or its database).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options;
        return new PortalDbContext(options);
    }
}
