using System.Diagnostics;
using IwgPortal.Web.Hosting;
using Npgsql;

namespace IwgPortal.Web.Tests.Hosting;

public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iwg-embedded-test", Guid.NewGuid().ToString("N"));

    public void Dispose() => TemporaryFolder.Delete(_directory);

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
        orphan.AbandonAsIfKilled();

        // The portal was killed without stopping its server: a new start must take over the folder.
        using var again = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });

        again.Port.ShouldNotBe(0);
        Query(again, "SELECT 7").ShouldBe(7);
        EmbeddedPostgres.IsPostgres(orphanPid).ShouldBeFalse();
    }

    private static int Query(EmbeddedPostgres server, string sql)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar() is int value ? value : 0;
    }
}

/// <summary>The first README command, as a process: dotnet IwgPortal.Web.dll with nothing configured.</summary>
public sealed class PortalProcessTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iwg-process-test", Guid.NewGuid().ToString("N"));
    private readonly List<Process> _portals = [];

    /// <summary>
    /// A test that failed before its Ctrl+C leaves no portal (and no embedded PostgreSQL) running.
    /// SIGTERM, not SIGINT: a shell that runs the tests in the background (nohup, &amp;) starts them
    /// with SIGINT ignored, and .NET keeps it ignored; a graceful stop on SIGTERM also stops the
    /// embedded server.
    /// </summary>
    public void Dispose()
    {
        foreach (var portal in _portals)
        {
            if (!portal.HasExited)
            {
                Signal(portal, "-TERM");

                if (!portal.WaitForExit(TimeSpan.FromSeconds(60)))
                {
                    portal.Kill(entireProcessTree: true);
                }
            }

            portal.Dispose();
        }

        TemporaryFolder.Delete(_directory);
    }

    [Fact]
    public async Task With_nothing_configured_it_serves_demo_data_and_ctrl_c_stops_postgres_too()
    {
        var data = Path.Combine(_directory, "data");
        var portal = StartPortal(new Dictionary<string, string>
        {
            ["Embedded__DataDirectory"] = data,
            ["ConnectionStrings__Portal"] = string.Empty,
        });
        var url = await WaitForUrlAsync(portal);

        using var http = new HttpClient();
        using (var demo = await http.GetAsync(new Uri(url, "/account/demo")))
        {
            (await demo.Content.ReadAsStringAsync()).ShouldContain("Priya Raman");

            // Kestrel, not the test server, answers here: it names itself unless told not to.
            demo.Headers.Server.ShouldBeEmpty();
        }

        var postgresPid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        EmbeddedPostgres.IsPostgres(postgresPid).ShouldBeTrue();

        await InterruptAsync(portal);

        portal.ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(data, "postmaster.pid")).ShouldBeFalse();
        EmbeddedPostgres.IsPostgres(postgresPid).ShouldBeFalse();
    }

    [Fact]
    public async Task With_a_connection_string_no_embedded_server_is_started()
    {
        var connectionString = await Testing.TestPostgres.CreateDatabaseAsync();
        var portal = StartPortal(new Dictionary<string, string>
        {
            ["ConnectionStrings__Portal"] = connectionString,
            ["Embedded__SearchPath"] = Directory.CreateDirectory(Path.Combine(_directory, "no-binaries")).FullName,
            ["Embedded__DataDirectory"] = Path.Combine(_directory, "never-created"),
        });
        var url = await WaitForUrlAsync(portal);

        using var http = new HttpClient();
        (await http.GetStringAsync(new Uri(url, "/health/ready"))).ShouldBe("Healthy");
        Directory.Exists(Path.Combine(_directory, "never-created")).ShouldBeFalse();

        await InterruptAsync(portal);
        portal.ExitCode.ShouldBe(0);
    }

    private Process StartPortal(Dictionary<string, string> environment)
    {
        // Through perl (Debian's perl-base is always there), which puts SIGINT back to its default and
        // then becomes dotnet (same pid): a shell running the tests in the background starts them with
        // SIGINT ignored, every child inherits that, and .NET keeps an ignored SIGINT ignored, so
        // Ctrl+C could not be tried.
        var perl = File.Exists("/usr/bin/perl");
        var start = new ProcessStartInfo(perl ? "/usr/bin/perl" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (perl)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add("$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\\n\";");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IwgPortal.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var portal = Process.Start(start)!;
        _portals.Add(portal);
        return portal;
    }

    /// <summary>Reads the portal's output until it prints where it listens (it picks a free port).</summary>
    private static async Task<Uri> WaitForUrlAsync(Process portal)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        while (await portal.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var at = line.IndexOf("IWG Portal is running at ", StringComparison.Ordinal);
            if (at >= 0)
            {
                var address = line[(at + "IWG Portal is running at ".Length)..].Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)[0];
                _ = portal.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = portal.StandardError.ReadToEndAsync(CancellationToken.None);
                return new Uri(address);
            }
        }

        throw new InvalidOperationException("The portal exited before serving: " + await portal.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    /// <summary>What Ctrl+C does in a terminal: SIGINT to the portal.</summary>
    private static async Task InterruptAsync(Process portal)
    {
        Signal(portal, "-INT");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await portal.WaitForExitAsync(timeout.Token);
    }

    /// <summary>kill(1) with the given signal; it returns at once.</summary>
    private static void Signal(Process portal, string signal)
    {
        using var kill = Process.Start("kill", [signal, portal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}

public sealed class EmbeddedPostgresOwnershipTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iwg-ownership-test", Guid.NewGuid().ToString("N"));

    public void Dispose() => TemporaryFolder.Delete(_directory);

    [Fact]
    public void A_second_portal_on_the_same_folder_is_told_and_leaves_the_first_one_running()
    {
        var data = Path.Combine(_directory, "data");
        using var first = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });

        var error = Should.Throw<EmbeddedPostgresInUseException>(() => EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false }));

        error.Message.ShouldContain("Embedded__DataDirectory");
        using var connection = new NpgsqlConnection(first.ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        connection.State.ShouldBe(System.Data.ConnectionState.Open);
    }

    [Fact]
    public void After_a_stop_the_folder_can_be_used_again()
    {
        var data = Path.Combine(_directory, "again");
        EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false }).Stop();

        using var second = EmbeddedPostgres.Start(new EmbeddedPostgresOptions { DataDirectory = data, Durable = false });

        second.Port.ShouldBeGreaterThan(0);
    }
}

internal static class TemporaryFolder
{
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
