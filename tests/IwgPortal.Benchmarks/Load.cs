using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace IwgPortal.Benchmarks;

/// <summary>One wrk run: throughput and latency percentiles as wrk reports them.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, long Requests, long Failures)
{
    public static WrkResult None { get; } = new(0, double.NaN, double.NaN, double.NaN, 0, 0);

    /// <summary>
    /// Several runs of one side as one: requests over the runs' total time (each run's time is its
    /// requests over its rate), the failures added up. Percentiles of separate runs cannot be merged,
    /// so each is the median of the runs' own.
    /// </summary>
    public static WrkResult Combine(IReadOnlyList<WrkResult> runs)
    {
        var requests = runs.Sum(r => r.Requests);
        var seconds = runs.Where(r => r.RequestsPerSecond > 0).Sum(r => r.Requests / r.RequestsPerSecond);
        return new WrkResult(
            seconds > 0 ? requests / seconds : 0,
            Median(runs.Select(r => r.P50Ms)), Median(runs.Select(r => r.P90Ms)), Median(runs.Select(r => r.P99Ms)),
            requests,
            runs.Sum(r => r.Failures));
    }

    private static double Median(IEnumerable<double> values)
    {
        var known = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return known.Length == 0 ? double.NaN
            : known.Length % 2 == 1 ? known[known.Length / 2]
            : (known[(known.Length / 2) - 1] + known[known.Length / 2]) / 2;
    }
}

/// <summary>
/// The portal and the baseline measured over the same stretch of time. This machine's speed drifts by
/// more than the differences measured (the baseline alone answered one URL at 3,900 and at 7,500 req/s
/// in two runs of the same code), so one run of each side after the other compares two moments as much
/// as two servers. Each side is warmed up, then its measured time is split into rounds that alternate
/// with the other side's, the order turned round every round (portal, baseline, baseline, portal, …)
/// so that a steady drift falls on both alike.
/// </summary>
internal static class Interleaved
{
    /// <summary>Each side's runs combined (<see cref="WrkResult.Combine"/>), and the ratio portal ÷ baseline of each round.</summary>
    public static async Task<(WrkResult Portal, WrkResult Baseline, IReadOnlyList<double> RoundRatios)> MeasureAsync(
        Uri portal, Uri baseline, int threads, int connections, int warmUpSeconds, int seconds, int rounds, IReadOnlyList<string> headers)
    {
        if (warmUpSeconds > 0)
        {
            await Wrk.RunAsync(portal, threads, connections, warmUpSeconds, headers);
            await Wrk.RunAsync(baseline, threads, connections, warmUpSeconds, headers);
        }

        var roundSeconds = Math.Max(1, seconds / rounds);
        var portalRuns = new List<WrkResult>();
        var baselineRuns = new List<WrkResult>();
        var ratios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            WrkResult p, b;
            if (round % 2 == 0)
            {
                p = await Wrk.RunAsync(portal, threads, connections, roundSeconds, headers);
                b = await Wrk.RunAsync(baseline, threads, connections, roundSeconds, headers);
            }
            else
            {
                b = await Wrk.RunAsync(baseline, threads, connections, roundSeconds, headers);
                p = await Wrk.RunAsync(portal, threads, connections, roundSeconds, headers);
            }

            portalRuns.Add(p);
            baselineRuns.Add(b);
            ratios.Add(b.RequestsPerSecond > 0 ? p.RequestsPerSecond / b.RequestsPerSecond : double.NaN);
        }

        return (WrkResult.Combine(portalRuns), WrkResult.Combine(baselineRuns), ratios);
    }
}

/// <summary>Closed-loop load with wrk at a fixed number of connections, on loopback.</summary>
internal static partial class Wrk
{
    /// <summary>One run of <paramref name="seconds"/>, or, with <paramref name="stopAfterMs"/>, interrupted (SIGINT) that much earlier: wrk then stops and reports the time it ran.</summary>
    public static async Task<WrkResult> RunAsync(Uri url, int threads, int connections, int seconds, IReadOnlyList<string> headers, string? script = null, int stopAfterMs = 0)
    {
        List<string> args = ["-t", I(threads), "-c", I(connections), "-d", I(seconds) + "s", "--latency", "--timeout", "10s"];
        foreach (var header in headers)
        {
            args.AddRange(["-H", header]);
        }

        if (script is not null)
        {
            args.AddRange(["-s", script]);
        }

        args.Add(url.ToString());
        return Parse(await Processes.RunAsync("wrk", args, stopAfterMs > 0 ? TimeSpan.FromMilliseconds(stopAfterMs) : null));
    }

    /// <summary>
    /// A wrk script that makes each connection pause before its next request so that together they
    /// offer about <paramref name="requestsPerSecond"/>: wrk has no fixed rate, but each connection
    /// sends one request per (response time + pause), so the pause is connections / rate minus the
    /// unloaded response time. The rate reached differs a little either way, so the report shows it.
    /// Each pause is drawn uniformly between none and twice that mean: with one fixed pause the
    /// connections, started together, stay in step and arrive in bursts of all of them at once, so a
    /// slow page would be measured queueing behind its own burst rather than at the rate offered.
    /// </summary>
    public static string ThinkTimeScript(string folder, int connections, double requestsPerSecond, double unloadedMs)
    {
        var delayMs = Math.Max(1, (int)Math.Round((1000.0 * connections / requestsPerSecond) - unloadedMs));
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"think-{delayMs}.lua"));
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
            $"function init(args)\n  math.randomseed(os.time() + math.floor(os.clock() * 1000000))\nend\nfunction delay()\n  return math.random(0, {2 * delayMs})\nend\n"));
        return path;
    }

    public static WrkResult Parse(string output)
    {
        double Percentile(string p)
        {
            var m = Regex.Match(output, @"^\s*" + p + @"%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
            return m.Success ? ToMs(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        }

        var rps = RequestsPerSecond().Match(output);
        var total = TotalRequests().Match(output);
        var non2xx = Non2xx().Match(output);
        var socket = SocketErrors().Match(output);
        long failures = non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (socket.Success)
        {
            failures += socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        }

        // A run in which no request completed (a page slower than the run, or than the half-load pause) prints
        // percentiles of 0: they are unknown, not fast.
        var requests = total.Success ? long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            requests > 0 ? Percentile("50") : double.NaN, requests > 0 ? Percentile("90") : double.NaN, requests > 0 ? Percentile("99") : double.NaN,
            requests,
            failures);
    }

    private static double ToMs(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => v / 1000,
            "ms" => v,
            "s" => v * 1000,
            _ => v * 60_000,
        };
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

/// <summary>
/// What the ingress in front of the portal adds to every request (deploy/README.md): the portal runs
/// with ForwardedHeaders__Enabled=true, as the deployment sets it, and sees the request as HTTPS.
/// Without it a signed-in page fails in Production (its antiforgery cookie is HTTPS-only).
/// </summary>
internal static class Ingress
{
    public const string Header = "X-Forwarded-Proto";

    public const string Scheme = "https";
}

/// <summary>
/// The JIT's tier-up setting of the portal's image (deploy/Dockerfile): methods are promoted to
/// optimised code as soon as they are hot, not after a quiet period of no new compilation, which
/// a loaded server rarely has. The portal gets it as deployed; the baseline, inside this process,
/// gets it from Properties/launchSettings.json (dotnet run), so both are measured alike.
/// </summary>
internal static class Tiering
{
    public const string Variable = "DOTNET_TC_CallCountingDelayMs";

    public const string AsDeployed = "0";

    /// <summary>This process's own setting, for the report: run without dotnet run, the baseline lacks it.</summary>
    public static string OfThisProcess => Environment.GetEnvironmentVariable(Variable) is { } value ? $"{Variable}={value}" : $"{Variable} unset (runtime default, 100 ms)";
}

/// <summary>The portal under test: its Release build, run as a separate process like in production.</summary>
internal sealed class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private PortalProcess(Process process, StreamWriter log, Uri baseAddress, TimeSpan startup)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Startup = startup;
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first answer of /health/live.</summary>
    public TimeSpan Startup { get; }

    public int Id => _process.Id;

    public static async Task<PortalProcess> StartAsync(string dll, string contentRoot, string connectionString, string logFile, IReadOnlyDictionary<string, string> settings)
    {
        var port = Ports.Free();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Portal"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["RateLimits__WritesPerMinute"] = "1000000";
        start.Environment["ForwardedHeaders__Enabled"] = "true";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Warning";
        start.Environment[Tiering.Variable] = Tiering.AsDeployed;
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return new PortalProcess(process, log, baseAddress, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await log.DisposeAsync();
        throw new InvalidOperationException($"The portal did not answer /health/live; see {logFile}");
    }

    /// <summary>Peak resident set size (VmHWM) of the portal process, in MB.</summary>
    public double PeakRssMb() => StatusMb("VmHWM:");

    /// <summary>Resident set size now (VmRSS) of the portal process, in MB.</summary>
    public double RssMb() => StatusMb("VmRSS:");

    private double StatusMb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>
    /// Starts VmHWM again from the current resident size (Linux's clear_refs, value 5), so the next
    /// read is the peak since now: the report shows which scenario drives the peak. False where the
    /// kernel refuses it; then each read is the peak since the start.
    /// </summary>
    public bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}

/// <summary>
/// Statements per request, Npgsql's pool resets (DISCARD ALL) per request counted apart, the
/// mean time of one request when nothing else runs, and the KB the server allocated per request
/// meanwhile (NaN when unknown).
/// </summary>
internal sealed record SqlCount(double Statements, double PoolResets, double SequentialMs, double AllocatedKb);

/// <summary>
/// The portal's managed allocations since it started, from its Prometheus endpoint: the runtime
/// instrumentation's counter (System.Runtime's dotnet.gc.heap.total_allocated on .NET 9 and later,
/// process.runtime.dotnet.gc.allocations.size before). The exporter answers scrapes less than
/// 300 ms apart with one copy, so a read waits until <c>apart</c> (the scale's MetricsApartMs:
/// a second at large scale) has passed since the previous one.
/// </summary>
internal sealed class PortalAllocations
{
    private static readonly string[] Counters = ["dotnet_gc_heap_total_allocated_bytes_total", "process_runtime_dotnet_gc_allocations_size_bytes_total"];

    private readonly HttpClient _http;
    private readonly Uri _metrics;
    private readonly TimeSpan _apart;
    private long _lastRead;

    private PortalAllocations(HttpClient http, Uri metrics, string counter, TimeSpan apart)
    {
        _http = http;
        _metrics = metrics;
        _apart = apart;
        Counter = counter;
    }

    public string Counter { get; }

    /// <summary>Reads /metrics once and picks the counter it has; null when it has neither.</summary>
    public static async Task<PortalAllocations?> FindAsync(HttpClient http, Uri portal, TimeSpan apart)
    {
        var metrics = new Uri(portal, "/metrics");
        var text = await http.GetStringAsync(metrics);
        return Counters.FirstOrDefault(c => ValueOf(text, c) is not null) is { } counter ? new PortalAllocations(http, metrics, counter, apart) : null;
    }

    public async Task<long> ReadAsync()
    {
        var wait = _apart - Stopwatch.GetElapsedTime(_lastRead);
        if (_lastRead != 0 && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var text = await _http.GetStringAsync(_metrics);
        _lastRead = Stopwatch.GetTimestamp();
        return (long)(ValueOf(text, Counter) ?? throw new InvalidOperationException($"{_metrics} no longer has {Counter}."));
    }

    /// <summary>The sum of the counter's series in Prometheus' text format (name{labels} value [timestamp]).</summary>
    private static double? ValueOf(string text, string counter)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(counter, StringComparison.Ordinal) || line.Length == counter.Length || line[counter.Length] is not ('{' or ' '))
            {
                continue;
            }

            var rest = line[counter.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[counter.Length..];
            sum = (sum ?? 0) + double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return sum;
    }
}

/// <summary>
/// Counts the SQL statements a database runs, with pg_stat_statements. Its own connection is not
/// pooled, so it adds no DISCARD ALL of its own; its own queries are left out by their text.
/// </summary>
internal sealed class SqlCounter(string database)
{
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString;

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Statements run in this database since the reset, except the counter's own: queries, and pool resets.</summary>
    public async Task<(long Statements, long PoolResets)> CountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(s.calls) FILTER (WHERE s.query <> 'DISCARD ALL'), 0)::bigint, coalesce(sum(s.calls) FILTER (WHERE s.query = 'DISCARD ALL'), 0)::bigint " +
            "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid " +
            "WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The statements behind the count, for --show-sql.</summary>
    public async Task<IReadOnlyList<(long Calls, string Query)>> StatementsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid " +
            "WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_statements%' ORDER BY s.calls DESC", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }
}

/// <summary>Sequential requests from the harness itself: checks, statement counts and cursor walks.</summary>
internal static class Sequential
{
    /// <summary>
    /// The harness's own client for one pass: every request as the ingress forwards it, and with the pass's API token, if any.
    /// Redirects are not followed, so a check sees a redirect as such (wrk would count a 3xx as a success).
    /// </summary>
    public static HttpClient Client(string? token)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(Ingress.Header, Ingress.Scheme);
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>The URL answers 200 (not a redirect), and its body contains <paramref name="shows"/> when given.</summary>
    public static async Task CheckAsync(HttpClient http, Uri url, string? shows)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        if (shows is not null && !body.Contains(shows, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET {url} answered 200 without {shows}: it shows no rows.");
        }
    }

    /// <summary>The path a reader of <paramref name="url"/> ends up on: where it redirects to, or itself.</summary>
    public static async Task<string> CanonicalPathAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => url.PathAndQuery,
            HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
                when response.Headers.Location is { } location => new Uri(url, location).PathAndQuery,
            _ => throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}."),
        };
    }

    /// <summary>
    /// Sequential requests after a reset of pg_stat_statements: statements and pool resets per
    /// request, the mean time of one, and what the server allocated over them (read before and after
    /// with <paramref name="allocatedBytes"/>, when given).
    /// </summary>
    public static async Task<SqlCount> StatementsPerRequestAsync(HttpClient http, Uri url, SqlCounter counter, int requests, bool show, Func<Task<long>>? allocatedBytes)
    {
        await counter.ResetAsync();
        var allocatedBefore = allocatedBytes is null ? 0 : await allocatedBytes();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
        }

        var meanMs = clock.Elapsed.TotalMilliseconds / requests;
        var allocatedKb = allocatedBytes is null ? double.NaN : (await allocatedBytes() - allocatedBefore) / 1024.0 / requests;

        if (show)
        {
            Console.WriteLine($"  SQL for {requests} x GET {url}:");
            foreach (var (calls, query) in await counter.StatementsAsync())
            {
                Console.WriteLine($"    {calls,5}  {query.ReplaceLineEndings(" ")[..Math.Min(query.Length, 160)]}");
            }
        }

        var (statements, resets) = await counter.CountAsync();
        return new SqlCount((double)statements / requests, (double)resets / requests, meanMs, allocatedKb);
    }

    /// <summary>The medians of sequential requests to two URLs, sent in turn (a, b, a, b, …), <paramref name="requests"/> each.</summary>
    public static async Task<(double A, double B)> MediansInTurnMsAsync(HttpClient http, Uri a, Uri b, int requests)
    {
        var times = (A: new double[requests], B: new double[requests]);
        for (var i = 0; i < requests; i++)
        {
            times.A[i] = await TimeMsAsync(http, a);
            times.B[i] = await TimeMsAsync(http, b);
        }

        return (Median(times.A), Median(times.B));
    }

    private static async Task<double> TimeMsAsync(HttpClient http, Uri url)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] times)
    {
        Array.Sort(times);
        var middle = times.Length / 2;
        return times.Length % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
    }

    /// <summary>Follows nextCursor from the first page, and returns the cursor of the page that many pages deep.</summary>
    public static async Task<string> CursorAtDepthAsync(HttpClient http, Uri baseAddress, int depth)
    {
        string? cursor = null;
        for (var page = 0; page < depth; page++)
        {
            var url = new Uri(baseAddress, cursor is null ? "/api/proposals" : "/api/proposals?cursor=" + Uri.EscapeDataString(cursor));
            using var document = JsonDocument.Parse(await http.GetStringAsync(url));
            cursor = document.RootElement.GetProperty("nextCursor").GetString()
                ?? throw new InvalidOperationException($"The list ended after {page + 1} pages; {depth} were asked for.");
        }

        return cursor ?? throw new InvalidOperationException("Depth must be at least 1.");
    }
}

internal static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class Processes
{
    /// <summary>True when <paramref name="exe"/> is found on PATH.</summary>
    public static bool OnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, exe)));

    /// <summary>
    /// wrk is the Debian package <c>wrk</c>: installed with apt-get when missing and running as root
    /// (a container or CI machine); otherwise the run stops and says how to install it.
    /// </summary>
    public static async Task<bool> EnsureWrkAsync(Action<string> log)
    {
        if (OnPath("wrk"))
        {
            return true;
        }

        if (Environment.UserName != "root" || !OnPath("apt-get"))
        {
            log("wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk) and run again.");
            return false;
        }

        log("wrk is missing; installing the Debian package with apt-get ...");
        try
        {
            await RunAsync("apt-get", ["install", "-y", "-q", "wrk"]);
        }
        catch (InvalidOperationException)
        {
            // A fresh container has no package lists yet.
            await RunAsync("apt-get", ["update", "-q"]);
            await RunAsync("apt-get", ["install", "-y", "-q", "wrk"]);
        }

        return OnPath("wrk");
    }

    /// <summary>Runs <paramref name="exe"/> to its end, sending it SIGINT after <paramref name="interruptAfter"/> if given; its standard output.</summary>
    public static async Task<string> RunAsync(string exe, IReadOnlyList<string> args, TimeSpan? interruptAfter = null)
    {
        var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (interruptAfter is { } after)
        {
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(after));
            try
            {
                await RunAsync("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
            }
            catch (InvalidOperationException) when (process.HasExited)
            {
                // It ended by itself meanwhile.
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
