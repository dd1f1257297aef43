using System.Diagnostics;
using IwgPortal.Web.Hosting;
using Npgsql;

namespace IwgPortal.Web.Tests.Hosting;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iwg-embedded-test", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public void Missing_binaries_are_reported_with_what_to_do()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_directory, "empty-bin")).FullName;

        var error = Should.Throw<PostgresBinariesNotFoundException>(() => EmbeddedPostgres.FindBinaries([empty]));

        error.Message.ShouldContain("apt-get install postgresql");
        error.Message.ShouldContain("ConnectionStrings__Portal");
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public async Task The_portal_exits_with_one_clear_line_when_no_binaries_exist()
    {
        var portalDll = Path.Combine(AppContext.BaseDirectory, "IwgPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(portalDll);
        start.Environment["Embedded__SearchPath"] = Directory.CreateDirectory(Path.Combine(_directory, "nothing")).FullName;
        start.Environment["ConnectionStrings__Portal"] = string.Empty;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(1);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1);
        lines[0].ShouldContain("apt-get install postgresql");
    }

    [Fact]
    public void A_cluster_is_created_once_and_reused_after_a_crash_left_a_stale_pid_file()
    {
        var data = Path.Combine(_directory, "data");
        var first = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });
        Query(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42);");
        first.Stop();

        // A crash leaves postmaster.pid behind, naming a process that is not PostgreSQL (here: this test).
        File.WriteAllText(Path.Combine(data, "postmaster.pid"), $"{Environment.ProcessId}\n{data}\n0\n0\n");

        using var second = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });
        Query(second, "SELECT v FROM kept").ShouldBe(42);
    }

    [Fact]
    public void A_server_left_running_by_a_killed_portal_is_stopped_and_started_again()
    {
        var data = Path.Combine(_directory, "orphan");
        var orphan = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });
        var orphanPid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

        // The portal was killed without stopping its server: a new start must take over the folder.
        using var again = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });

        again.Port.ShouldNotBe(0);
        Query(again, "SELECT 7").ShouldBe(7);
        EmbeddedPostgres.IsPostgres(orphanPid).ShouldBeFalse();
        GC.KeepAlive(orphan);
    }

    private static int Query(EmbeddedPostgres server, string sql)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is int value ? value : 0;
    }
}
