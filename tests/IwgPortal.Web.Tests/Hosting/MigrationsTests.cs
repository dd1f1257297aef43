using IwgPortal.Testing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// The model matches the latest migration's snapshot, and a start on an up-to-date database skips
/// EF's migrate step (which would have made that comparison on every start).
/// </summary>
public class MigrationsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_model_matches_the_snapshot_of_the_latest_migration()
    {
        (await portal.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()))).ShouldBeFalse(
            "the model has changed since the last migration: add one (dotnet tool restore, then dotnet ef migrations add Name --project src/IwgPortal.Web --startup-project tests/IwgPortal.Web.Tests)");
    }

    [Fact]
    public async Task Preparing_an_up_to_date_database_takes_no_migrations_lock_and_adds_no_history()
    {
        // The test database is a copy of a template that all migrations were applied to.
        var historyBefore = await HistoryCountAsync();
        var statements = await SqlStatementCounter.StatementsOfAsync(() => portal.Services.PrepareDatabaseAsync(migrate: true));

        statements.ShouldContain(s => s.Contains("ef_migrations_history", StringComparison.Ordinal), "the pending migrations are read");
        statements.ShouldNotContain(s => s.Contains("LOCK TABLE", StringComparison.OrdinalIgnoreCase));
        (await HistoryCountAsync()).ShouldBe(historyBefore);
    }

    private Task<int> HistoryCountAsync() =>
        portal.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM ef_migrations_history").SingleAsync());
}
