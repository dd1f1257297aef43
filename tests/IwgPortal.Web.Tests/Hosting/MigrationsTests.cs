using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using IwgPortal.Testing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// The migrations carry no designer files (ADR 13), the model still matches the latest snapshot,
/// and a start on an up-to-date database skips EF's migrate step.
/// </summary>
public class MigrationsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public void The_model_matches_the_snapshot_of_the_latest_migration()
    {
        using var db = Offline();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "the model has changed since the last migration: add one (dotnet ef migrations add Name --project src/IwgPortal.Web)");
    }

    [Fact]
    public void No_migration_carries_a_designer_model()
    {
        using var db = Offline();
        var migrations = db.GetService<IMigrationsAssembly>();
        migrations.Migrations.Count.ShouldBeGreaterThanOrEqualTo(8);

        foreach (var (id, type) in migrations.Migrations)
        {
            // A designer is the partial class overriding BuildTargetModel with a copy of the whole model.
            var buildTargetModel = type.GetMethod("BuildTargetModel", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(ModelBuilder)])!;
            buildTargetModel.DeclaringType.ShouldBe(typeof(Migration),
                $"{id} has a .Designer.cs: move its [DbContext] and [Migration] attributes onto the migration class and delete the designer (ADR 13)");
        }
    }

    [Fact]
    public async Task Preparing_an_up_to_date_database_takes_no_migrations_lock_and_adds_no_history()
    {
        // The test database is a copy of a template that all migrations were applied to.
        var historyBefore = await HistoryCountAsync();
        var statements = new ConcurrentQueue<string>();
        using var prepare = new Activity("prepare");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == prepare.TraceId)
                {
                    statements.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        prepare.Start();
        await portal.Services.PrepareDatabaseAsync(migrate: true);
        prepare.Stop();

        statements.ShouldContain(s => s.Contains("ef_migrations_history", StringComparison.Ordinal), "the pending migrations are read");
        statements.ShouldNotContain(s => s.Contains("LOCK TABLE", StringComparison.OrdinalIgnoreCase));
        (await HistoryCountAsync()).ShouldBe(historyBefore);
    }

    private Task<int> HistoryCountAsync() =>
        portal.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM ef_migrations_history").SingleAsync());

    /// <summary>A context configured as the portal's, which never connects: model and migrations only.</summary>
    private static PortalDbContext Offline() => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseNpgsql("Host=unused.invalid", npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
        .UseSnakeCaseNamingConvention()
        .Options);
}
