using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Testcontainers.PostgreSql;

namespace IwgPortal.Testing;

/// <summary>
/// One real PostgreSQL server per test process, found in this order: IWG_TEST_POSTGRES (an admin
/// connection string), a throwaway cluster from the machine's binaries, Testcontainers. Each
/// caller gets its own database, cloned from a template that is migrated once.
/// </summary>
public static class TestPostgres
{
    private const string TemplateName = "iwg_test_template";
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>Which of the three sources is in use, for the test log.</summary>
    public static string Source { get; private set; } = "not started";

    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"", connection);
                await create.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == "55006" && attempt < 20)
            {
                // "source database is being accessed by other users": another clone is in flight.
                await Task.Delay(50 * (attempt + 1));
            }
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static string CreateDatabase() => CreateDatabaseAsync().GetAwaiter().GetResult();

    private static async Task<string> StartAsync()
    {
        var admin = Environment.GetEnvironmentVariable("IWG_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(admin))
        {
            Source = "IWG_TEST_POSTGRES";
        }
        else
        {
            admin = await StartLocalOrContainerAsync();
        }

        await CreateTemplateAsync(admin);
        return admin;
    }

    private static async Task<string> StartLocalOrContainerAsync()
    {
        try
        {
            EmbeddedPostgres.FindBinaries(EmbeddedPostgres.DefaultSearchPath());
        }
        catch (PostgresBinariesNotFoundException)
        {
            var container = new PostgreSqlBuilder("postgres:17").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Source = "Testcontainers";
            return container.GetConnectionString();
        }

        var root = Path.Combine(Path.GetTempPath(), "iwg-test-pg");
        SweepLeftovers(root);
        var directory = Path.Combine(root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        var server = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = directory, Durable = false, MaxConnections = 400 });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.Stop();
            Remove(directory);
        };
        Source = "throwaway cluster from local binaries";
        return server.ConnectionString("postgres");
    }

    /// <summary>
    /// A test host that is killed never runs its exit handler: clusters of processes that no longer
    /// exist are stopped and removed before a new one starts, so they do not pile up in /tmp.
    /// </summary>
    private static void SweepLeftovers(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(root))
        {
            var name = Path.GetFileName(directory);
            var owner = int.TryParse(name.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : 0;
            if (owner == 0 || owner == Environment.ProcessId || Directory.Exists($"/proc/{owner}"))
            {
                continue;
            }

            try
            {
                // Starting takes over an orphaned server (or a stale pid file); stopping then shuts it down.
                EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = directory, Durable = false }).Stop();
            }
            catch (Exception ex) when (ex is InvalidOperationException or EmbeddedPostgresInUseException or IOException)
            {
                continue;
            }

            Remove(directory);
        }
    }

    private static void Remove(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
            File.Delete(directory + ".lock");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task CreateTemplateAsync(string admin)
    {
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{TemplateName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var templateConnection = new NpgsqlConnectionStringBuilder(admin) { Database = TemplateName, Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(templateConnection, npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options;
        await using var db = new PortalDbContext(options);
        await db.Database.MigrateAsync();
        await ReferenceData.SeedAsync(db, CancellationToken.None);
    }
}
