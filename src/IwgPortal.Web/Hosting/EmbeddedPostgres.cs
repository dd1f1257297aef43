using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IwgPortal.Web.Hosting;

/// <summary>PostgreSQL server binaries are not on this machine; the message says what to do.</summary>
public sealed class PostgresBinariesNotFoundException(string message) : Exception(message)
{
}

/// <summary>Another running portal already owns the embedded cluster's folder.</summary>
public sealed class EmbeddedPostgresInUseException(string message) : Exception(message)
{
}

public sealed class EmbeddedPostgresOptions
{
    /// <summary>Where the cluster lives; created on first start and reused afterwards.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Folders searched for pg_ctl, initdb and postgres, in order.</summary>
    public IReadOnlyList<string> SearchPath { get; init; } = EmbeddedPostgres.DefaultSearchPath();

    /// <summary>Tests trade crash safety for speed; a developer's demo data is kept safe.</summary>
    public bool Durable { get; init; } = true;

    public int MaxConnections { get; init; } = 100;
}

/// <summary>
/// A PostgreSQL server run from the machine's own binaries, for a developer's first
/// <c>dotnet run</c> and for the tests. As root it runs the server as the postgres user,
/// since PostgreSQL refuses to run as root.
/// </summary>
public sealed class EmbeddedPostgres : IDisposable
{
    private static readonly string[] RequiredTools = ["pg_ctl", "initdb", "postgres"];
    private readonly string _binDirectory;
    private readonly Action<string> _log;
    private bool _stopped;

    private readonly FileStream _ownership;

    private EmbeddedPostgres(string binDirectory, string dataDirectory, int port, FileStream ownership, Action<string> log)
    {
        _ownership = ownership;
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _log = log;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Creates the database if it is missing (EF would log the missing database as an error first).</summary>
    public string CreateDatabase(string database)
    {
        using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            create.ExecuteNonQuery();
        }

        return ConnectionString(database);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    public static IReadOnlyList<string> DefaultSearchPath()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        return [.. path, .. debian];
    }

    /// <summary>The first folder holding all server tools, or an exception that says how to get them.</summary>
    public static string FindBinaries(IReadOnlyList<string> searchPath)
    {
        foreach (var dir in searchPath)
        {
            if (RequiredTools.All(tool => File.Exists(Path.Combine(dir, tool))))
            {
                // Debian links pg_ctl into /usr/local/bin; the real folder also holds the other tools.
                var real = new FileInfo(Path.Combine(dir, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true);
                return real is null ? dir : Path.GetDirectoryName(real.FullName) ?? dir;
            }
        }

        throw new PostgresBinariesNotFoundException(
            "PostgreSQL server binaries (pg_ctl, initdb, postgres) were not found in PATH or /usr/lib/postgresql/*/bin: " +
            "install them (Debian/Ubuntu: sudo apt-get install postgresql) or set ConnectionStrings__Portal to an existing database.");
    }

    /// <summary>
    /// The default home of the developer cluster: the user's data folder. Root's home is closed to
    /// the postgres user, so as root the cluster lives under /var/lib instead.
    /// </summary>
    public static string DefaultDataDirectory(string majorVersion) => RunsAsRoot
        ? Path.Combine("/var/lib/iwg-portal", "postgres-" + majorVersion)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "iwg-portal", "postgres-" + majorVersion);

    public static string MajorVersion(string binDirectory)
    {
        var output = Run(Path.Combine(binDirectory, "pg_ctl"), ["--version"], asPostgres: false);
        var version = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "0";
        return version.Split('.')[0];
    }

    public static EmbeddedPostgres Start(EmbeddedPostgresOptions options, Action<string>? log = null)
    {
        log ??= _ => { };
        var bin = FindBinaries(options.SearchPath);
        var data = Path.GetFullPath(options.DataDirectory);
        var ownership = Own(data);
        try
        {
            return StartOwned(bin, data, ownership, options, log);
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A lock beside the data folder, held while this process runs: a second portal on the same
    /// folder is told so, instead of mistaking the first one's server for a leftover of a crash.
    /// The operating system releases it when the process dies, however it dies.
    /// </summary>
    private static FileStream Own(string data)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        try
        {
            return new FileStream(data + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new EmbeddedPostgresInUseException(
                $"Another IWG Portal is running on the embedded database in {data}: stop it first, or set Embedded__DataDirectory to another folder.");
        }
    }

    private static EmbeddedPostgres StartOwned(string bin, string data, FileStream ownership, EmbeddedPostgresOptions options, Action<string> log)
    {
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            InitCluster(bin, data, options, log);
        }
        else
        {
            RecoverFromCrash(bin, data, log);
        }

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            try
            {
                Run(Path.Combine(bin, "pg_ctl"),
                    ["start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(data, "server.log"), "-o", $"-p {port}"]);
                log($"PostgreSQL started on 127.0.0.1:{port} (data: {data})");
                return new EmbeddedPostgres(bin, data, port, ownership, log);
            }
            catch (InvalidOperationException ex)
            {
                // Another process may have taken the port between our probe and the server's bind.
                last = ex;
            }
        }

        throw new InvalidOperationException("PostgreSQL did not start; see " + Path.Combine(data, "server.log"), last);
    }

    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]);
            _log("PostgreSQL stopped.");
        }
        catch (InvalidOperationException ex)
        {
            _log("PostgreSQL did not stop cleanly: " + ex.Message);
        }
        finally
        {
            _ownership.Dispose();
        }
    }

    public void Dispose() => Stop();

    /// <summary>What the operating system does when this process is killed: the server keeps running, the lock goes.</summary>
    internal void AbandonAsIfKilled()
    {
        _stopped = true;
        _ownership.Dispose();
    }

    private static void InitCluster(string bin, string data, EmbeddedPostgresOptions options, Action<string> log)
    {
        log($"Creating a PostgreSQL cluster in {data} ...");
        Directory.CreateDirectory(data);
        if (RunsAsRoot)
        {
            Run("chown", ["postgres:postgres", data], asPostgres: false);
        }

        List<string> args = ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-instructions"];
        if (!options.Durable)
        {
            args.Add("--no-sync");
        }

        Run(Path.Combine(bin, "initdb"), args);

        // Loopback only, no Unix socket (its folder may not be writable), and the port on the command line.
        List<string> settings =
        [
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            $"max_connections = {options.MaxConnections.ToString(CultureInfo.InvariantCulture)}",
        ];
        if (!options.Durable)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        File.AppendAllLines(Path.Combine(data, "postgresql.conf"), settings);
    }

    /// <summary>
    /// After a crash the folder may hold a postmaster.pid: a server we left running is stopped,
    /// and a file naming a process that is not PostgreSQL is removed so the server can start.
    /// </summary>
    private static void RecoverFromCrash(string bin, string data, Action<string> log)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && IsPostgres(pid))
        {
            log($"A PostgreSQL server (pid {pid}) from an earlier run still holds {data}; stopping it.");
            Run(Path.Combine(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w", "-t", "30"]);
            return;
        }

        log($"Removing a stale postmaster.pid (pid {firstLine}) left by a crash.");
        File.Delete(pidFile);
    }

    /// <summary>Whether a live (not zombie) PostgreSQL server process has this id.</summary>
    public static bool IsPostgres(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            if (!File.Exists(stat))
            {
                return false;
            }

            // /proc/<pid>/stat is "pid (comm) state ...": a zombie (Z) or dead (X) process holds nothing.
            var text = File.ReadAllText(stat);
            var close = text.LastIndexOf(')');
            var comm = text[(text.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            var state = text[(close + 2)..].FirstOrDefault();
            return comm is "postgres" or "postmaster" && state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Run(string exe, IReadOnlyList<string> args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asPostgres && RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", "postgres", "--", exe])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = exe;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}");
        }

        return stdout.Result;
    }
}
