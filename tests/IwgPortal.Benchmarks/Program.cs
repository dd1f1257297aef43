using System.Diagnostics;
using System.Globalization;
using IwgPortal.Benchmarks;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// The performance harness (docs/performance.md):
//   dotnet run -c Release --project tests/IwgPortal.Benchmarks -- --scale small|large [--as anonymous|token|both] [--show-sql]
//     [--only <text in the scenario name>] [--no-output-cache] [--portal-env NAME=VALUE ...] [--hold]
// --as chooses the passes (default both): anonymous requests, and requests that carry a community
// member's personal API token (never output-cached, so the computed path with authentication);
// --no-output-cache measures the path behind the cache for anonymous requests too;
// --portal-env passes settings to the portal process (e.g. DOTNET_gcServer=0), repeatable;
// --hold loads the data, starts both servers and keeps them up (for profiling) until Ctrl+C.
// Building this project in Release also builds the portal in Release (project reference); the
// portal under test runs from that build output as its own process.
var scale = ScaleFrom(args);
var passNames = PassesFrom(args);
if (scale is null || passNames is null)
{
    await Console.Error.WriteLineAsync("Usage: dotnet run -c Release --project tests/IwgPortal.Benchmarks -- --scale small|large [--as anonymous|token|both]");
    return 2;
}

var showSql = args.Contains("--show-sql");
var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
var portalSettings = new Dictionary<string, string>(StringComparer.Ordinal);
var outputCache = !args.Contains("--no-output-cache");
if (!outputCache)
{
    portalSettings["OutputCache__Enabled"] = "false";
}

for (var i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--portal-env" && args[i + 1].Split('=', 2) is [{ Length: > 0 } name, var value])
    {
        portalSettings[name] = value;
    }
}

var root = RepositoryRoot();
var portalDll = Path.Combine(root, "artifacts", "bin", "IwgPortal.Web", "release", "IwgPortal.Web.dll");
if (!File.Exists(portalDll))
{
    await Console.Error.WriteLineAsync($"{portalDll} is missing: run with -c Release (it builds the portal), or `dotnet build -c Release src/IwgPortal.Web` first.");
    return 2;
}

var clock = Stopwatch.StartNew();
void Log(string message) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:mm\\:ss}] {message}"));
if (!await Processes.EnsureWrkAsync(Log))
{
    return 2;
}

var work = Path.Combine(Path.GetTempPath(), "iwg-bench", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}"));
Directory.CreateDirectory(work);
var dataDirectory = Path.Combine(work, "pg");
EmbeddedPostgres? server = null;
PortalProcess? portal = null;
WebApplication? baseline = null;
try
{
    Log($"Scale {scale.Name}; working folder {work}");
    server = await StartPostgresAsync(dataDirectory, Log);
    var connectionString = server.CreateDatabase("iwg_bench");
    await MigrateAsync(connectionString);
    await using (var connection = new NpgsqlConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await extension.ExecuteNonQueryAsync();
    }

    Log("Schema migrated; generating data ...");
    var data = await DataGenerator.LoadAsync(connectionString, scale, Log);
    var holder = await DataGenerator.IssueTokenAsync(connectionString, scale);
    Log($"  API token issued to {holder.Login} (person {holder.PersonId}, no role)");
    Pass[] passes =
    [
        .. passNames.Select(name => name == "anonymous"
            ? new Pass(name, outputCache
                ? "Anonymous: served from the output cache after the first request"
                : "Anonymous, output cache off (--no-output-cache): every request computed", null)
            : new Pass(name, $"With an API token ({holder.Login}, no role): every request computed, as for API clients with a token", holder.Secret)),
    ];

    // The portal and the baseline each get their own pool; Max Pool Size stays at Npgsql's default.
    portal = await PortalProcess.StartAsync(portalDll, Path.Combine(root, "src", "IwgPortal.Web"), connectionString, Path.Combine(work, "portal.log"), portalSettings);
    Log($"Portal (pid {portal.Id}) answering at {portal.BaseAddress} after {portal.Startup.TotalSeconds:F1} s");
    var baselinePort = Ports.Free();
    baseline = await Baseline.StartAsync(connectionString, baselinePort);
    var baselineAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{baselinePort}"));
    Log($"Baseline answering at {baselineAddress}");

    var deepPages = Math.Min(scale.DeepPages, (scale.Proposals / 25) - 2);

    // The detail page redirects to its canonical address (with the slug): wrk must measure that page, not the redirect.
    using var anonymous = Sequential.Client(null);
    var hotPage = await Sequential.CanonicalPathAsync(anonymous, new Uri(portal.BaseAddress, $"/proposals/{data.HotProposalId}"));
    Log($"Longest thread's page: {hotPage}");

    // Allocations: the portal's runtime counter from /metrics (anonymous, so it costs no statement); the baseline runs in this process.
    var allocations = await PortalAllocations.FindAsync(anonymous, portal.BaseAddress, TimeSpan.FromMilliseconds(scale.MetricsApartMs));
    double? idleKb = null;
    if (allocations is null)
    {
        Log("The portal's /metrics has no allocation counter: KB per request will be empty for the portal.");
    }
    else
    {
        // What one read of /metrics and the time between two reads of an idle portal allocate: included in each portal sample.
        var idleBefore = await allocations.ReadAsync();
        idleKb = (await allocations.ReadAsync() - idleBefore) / 1024.0;
        Log(string.Create(CultureInfo.InvariantCulture, $"Portal allocations from /metrics: {allocations.Counter}; {scale.MetricsApartMs} idle ms with one read allocate {idleKb:F0} KB"));
    }

    Func<Task<long>>? portalAllocated = allocations is null ? null : allocations.ReadAsync;
    Func<Task<long>> baselineAllocated = () => Task.FromResult(GC.GetTotalAllocatedBytes(precise: true));
    var catalogue = Scenarios(data, deepPages, hotPage);
    var selected = catalogue.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();

    if (args.Contains("--hold"))
    {
        // For profiling: the data, the portal and the baseline stay up until Ctrl+C or SIGTERM.
        using var http = Sequential.Client(null);
        var portalCursor = await Sequential.CursorAtDepthAsync(http, portal.BaseAddress, deepPages);
        Log($"Holding: database {connectionString}");
        Log($"Portal {portal.BaseAddress} (pid {portal.Id}), baseline {baselineAddress}; deep cursor {portalCursor}");
        Log($"API token of {holder.Login}: Authorization: Bearer {holder.Secret}");
        foreach (var scenario in catalogue)
        {
            Log($"  {scenario.Name}: {scenario.WithCursors(portalCursor, portalCursor).PortalPath}");
        }

        var stop = new TaskCompletionSource();
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        return 0;
    }

    // Per scenario: a warm-up (none at small scale) and the measured runs of the portal and the baseline (alternating in rounds; at small scale at the same time), then the half-load run.
    var runSeconds = scale.StopWrkAfterMs > 0 ? scale.StopWrkAfterMs / 1000.0 : scale.DurationSeconds;
    var loadSeconds = ((scale.LoadsTogether ? 1 : 2) * (scale.WarmUpSeconds + runSeconds)) + runSeconds;
    Log(string.Create(CultureInfo.InvariantCulture,
        $"{selected.Count} scenarios x {passes.Length} passes x {loadSeconds} s of load: about {selected.Count * passes.Length * loadSeconds / 60.0:F1} min, plus the sequential requests"));

    var counter = new SqlCounter(connectionString);

    // Sequential requests timed for the deep-page target: enough for a steady median, a fraction of a second for a list page.
    const int AloneRequests = 50;
    var passResults = new List<PassResult>();
    var peakRssMb = portal.PeakRssMb();
    foreach (var pass in passes)
    {
        Log($"Pass: {pass.Title}");
        using var http = Sequential.Client(pass.Token);
        var portalCursor = string.Empty;
        var baselineCursor = string.Empty;
        if (selected.Any(s => s.UsesCursor))
        {
            Log($"Following nextCursor {deepPages:N0} times on the portal and on the baseline ...");
            portalCursor = await Sequential.CursorAtDepthAsync(http, portal.BaseAddress, deepPages);
            baselineCursor = await Sequential.CursorAtDepthAsync(http, baselineAddress, deepPages);
        }

        var results = new List<ScenarioResult>();
        foreach (var scenario in selected.Select(s => s.WithCursors(portalCursor, baselineCursor)))
        {
            peakRssMb = Math.Max(peakRssMb, portal.PeakRssMb());
            var startRssMb = portal.RssMb();
            portal.ResetPeakRss();
            var portalUrl = new Uri(portal.BaseAddress, scenario.PortalPath);
            var baselineUrl = new Uri(baselineAddress, scenario.BaselinePath);
            await Sequential.CheckAsync(http, portalUrl, scenario.Shows);
            await Sequential.CheckAsync(http, baselineUrl, scenario.Shows);
            var portalSql = await Sequential.StatementsPerRequestAsync(http, portalUrl, counter, scale.SqlSampleRequests, showSql, allocatedBytes: null);
            var baselineSql = await Sequential.StatementsPerRequestAsync(http, baselineUrl, counter, scale.SqlSampleRequests, showSql, baselineAllocated);

            WrkResult portalLoad, baselineLoad;
            IReadOnlyList<double> roundRatios;
            if (scale.LoadsTogether)
            {
                var both = await Task.WhenAll(MeasureAsync(portalUrl, scale, pass.Headers), MeasureAsync(baselineUrl, scale, pass.Headers));
                (portalLoad, baselineLoad) = (both[0], both[1]);
                roundRatios = [];
            }
            else
            {
                (portalLoad, baselineLoad, roundRatios) = await Interleaved.MeasureAsync(
                    portalUrl, baselineUrl, scale.Threads, scale.Connections, scale.WarmUpSeconds, scale.DurationSeconds, scale.Rounds, pass.Headers);
            }

            // Latency at half saturation: the same connections, each pausing so they offer half the saturated rate.
            // The portal's allocations are read around this run, the portal's alone: its runtime counter is
            // imprecise (with server GC it counts each thread's allocation context when handed out, up to
            // megabytes ahead), which a few sequential requests did not outgrow (it read 0 KB for the
            // 797-comment thread), but thousands of requests do.
            var allocatedBefore = portalAllocated is null ? 0 : await portalAllocated();
            var portalHalf = portalLoad.RequestsPerSecond > 0
                ? await Wrk.RunAsync(portalUrl, scale.Threads, scale.Connections, scale.DurationSeconds, pass.Headers,
                    Wrk.ThinkTimeScript(work, scale.Connections, portalLoad.RequestsPerSecond / 2, portalSql.SequentialMs), scale.StopWrkAfterMs)
                : WrkResult.None;
            portalSql = portalSql with
            {
                AllocatedKb = portalAllocated is null || portalHalf.Requests == 0 ? double.NaN : (await portalAllocated() - allocatedBefore) / 1024.0 / portalHalf.Requests,
            };
            // For the deep-page target: one request's time on its own, once the load has warmed everything it uses
            // and the portal has finished what the load left it (a pause first). The first page is timed in the same
            // loop, a request of each in turn, so whatever the portal or this process is still doing after the load
            // (tier-up, a collection, an output-cache entry renewed) falls on both alike.
            var alone = (First: double.NaN, Deep: double.NaN);
            if (scenario.DeepOf is { } firstName && selected.FirstOrDefault(s => s.Name == firstName) is { } first)
            {
                await Task.Delay(500);
                alone = await Sequential.MediansInTurnMsAsync(http, new Uri(portal.BaseAddress, first.PortalPath), portalUrl, AloneRequests);
            }

            var scenarioPeakRssMb = portal.PeakRssMb();
            peakRssMb = Math.Max(peakRssMb, scenarioPeakRssMb);
            var result = new ScenarioResult(scenario, portalLoad, portalHalf, baselineLoad, portalSql, baselineSql, startRssMb, scenarioPeakRssMb, roundRatios, alone.Deep, alone.First);
            results.Add(result);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{pass.Name} | {scenario.Name}: portal {portalLoad.RequestsPerSecond:F0} req/s (p99 {portalLoad.P99Ms:F1} ms; at {portalHalf.RequestsPerSecond:F0} req/s p99 {portalHalf.P99Ms:F1} ms; {portalSql.Statements:F1} SQL, {portalSql.AllocatedKb:F0} KB), baseline {baselineLoad.RequestsPerSecond:F0} req/s (p99 {baselineLoad.P99Ms:F1} ms, {baselineSql.Statements:F1} SQL, {baselineSql.AllocatedKb:F0} KB), ratio {result.Ratio:F2}{result.RoundSpread}; portal RSS {startRssMb:F0} → peak {scenarioPeakRssMb:F0} MB"));
        }

        passResults.Add(new PassResult(pass, results));
    }

    var run = new RunResult(scale, Report.Machine(),
        string.Create(CultureInfo.InvariantCulture, $"wrk -t{scale.Threads} -c{scale.Connections} --latency {(scale.WarmUpSeconds > 0 ? $"after a {scale.WarmUpSeconds} s warm-up" : "without a warm-up")}, {(scale.Rounds > 1 && !scale.LoadsTogether ? $"{scale.DurationSeconds} s per side in {scale.Rounds} rounds of {scale.DurationSeconds / scale.Rounds} s, the portal's and the baseline's alternating (portal, baseline, baseline, portal, …); half load {scale.DurationSeconds} s" : $"{runSeconds} s")}, per scenario and target, on loopback; every request with {Ingress.Header}: {Ingress.Scheme} as from the ingress (portal: ForwardedHeaders__Enabled=true, as deployed)")
            + (scale.LoadsTogether ? "; the portal and the baseline loaded at the same time (this scale checks the harness, its figures are not measurements)" : string.Empty)
            + (portalSettings.Count == 0 ? string.Empty : "; portal settings: " + string.Join(", ", portalSettings.Select(s => $"{s.Key}={s.Value}")))
            + $"; JIT tier-up: portal {Tiering.Variable}={Tiering.AsDeployed} (as deployed), baseline {Tiering.OfThisProcess}",
        data, passResults, allocations?.Counter, idleKb, portal.Startup.TotalSeconds, Math.Max(peakRssMb, portal.PeakRssMb()), clock.Elapsed);
    var markdown = Report.Markdown(run);
    var resultsDirectory = Path.Combine(root, "artifacts", "benchmarks");
    Directory.CreateDirectory(resultsDirectory);
    var resultsFile = Path.Combine(resultsDirectory, string.Create(CultureInfo.InvariantCulture, $"{scale.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md"));
    await File.WriteAllTextAsync(resultsFile, markdown);
    Console.WriteLine();
    Console.WriteLine(markdown);
    Log($"Written to {resultsFile}");
    return 0;
}
finally
{
    portal?.Dispose();
    if (baseline is not null)
    {
        await baseline.StopAsync();
        await baseline.DisposeAsync();
    }

    server?.Stop();
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
    catch (UnauthorizedAccessException)
    {
    }
}

static Scale? ScaleFrom(string[] args)
{
    var at = Array.IndexOf(args, "--scale");
    var name = at >= 0 && at + 1 < args.Length ? args[at + 1] : "small";
    return name switch
    {
        "small" => Scale.Small,
        "large" => Scale.Large,
        _ => null,
    };
}

// --as anonymous|token|both: which passes run, in this order.
static string[]? PassesFrom(string[] args)
{
    var at = Array.IndexOf(args, "--as");
    var name = at >= 0 && at + 1 < args.Length ? args[at + 1] : "both";
    return name switch
    {
        "anonymous" => ["anonymous"],
        "token" => ["token"],
        "both" => ["anonymous", "token"],
        _ => null,
    };
}

// The scenarios of a pass; the deep pages take the cursor found by following nextCursor in that pass
// (the list page takes the same signed cursor as the API list).
static Scenario[] Scenarios(GeneratedData data, int deepPages, string hotPage)
{
    const string firstListPage = "List page /proposals (HTML)";
    const string firstApiPage = "List, first page (API)";
    const string row = "class=\"title\"";

    // The first and the last revision of a typical SOW among those with the most revisions: the most there is to compare.
    var compare = $"/sows/{data.SowId}/compare?from=1&to={data.SowRevisions}";
    var diff = $"/api/sows/{data.SowId}/diff?from=1&to={data.SowRevisions}";
    return
    [
        new("Home page / (HTML)", Target.Page, "/", "/"),
        new(firstListPage, Target.Page, "/proposals", "/proposals", row),
        new($"List page, {deepPages:N0} deep (HTML)", Target.Page, "/proposals?cursor=" + Scenario.CursorSlot, "/proposals?cursor=" + Scenario.CursorSlot, row, firstListPage),
        new($"Detail page, {data.HotCommentCount} comments (HTML)", Target.LongThreadPage, hotPage, hotPage, "id=\"comment-"),
        new($"SOW compare page, revisions 1–{data.SowRevisions} (HTML)", Target.Page, compare, compare, "class=\"diff-section\""),
        new(firstApiPage, Target.Api, "/api/proposals", "/api/proposals"),
        new($"List, page {deepPages:N0} deep (API)", Target.Api, "/api/proposals?cursor=" + Scenario.CursorSlot, "/api/proposals?cursor=" + Scenario.CursorSlot, DeepOf: firstApiPage),
        new($"Search ?q={data.SearchWord} (API)", Target.Api, "/api/proposals?q=" + data.SearchWord, "/api/proposals?q=" + data.SearchWord),
        new("Proposal details (API)", Target.Api, $"/api/proposals/{data.TypicalProposalId}", $"/api/proposals/{data.TypicalProposalId}"),
        new($"Comments, {data.TypicalCommentCount} (API)", Target.Api,
            $"/api/proposals/{data.TypicalProposalId}/comments", $"/api/proposals/{data.TypicalProposalId}/comments"),
        new($"Comments, {data.HotCommentCount} (API)", Target.LongThread,
            $"/api/proposals/{data.HotProposalId}/comments", $"/api/proposals/{data.HotProposalId}/comments"),
        new($"SOW diff, revisions 1–{data.SowRevisions} (API)", Target.Api, diff, diff, "\"kind\":\"Changed\""),
        new($"SOW details, {data.SowRevisions} revisions (API)", Target.Api, $"/api/sows/{data.SowId}", $"/api/sows/{data.SowId}"),
    ];
}

static string RepositoryRoot()
{
    foreach (var start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IwgPortal.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run from inside the repository: IwgPortal.sln was not found above the current folder.");
}

// pg_stat_statements must be preloaded: start once, set it, restart.
static async Task<EmbeddedPostgres> StartPostgresAsync(string dataDirectory, Action<string> log)
{
    var options = new EmbeddedPostgresOptions { DataDirectory = dataDirectory, Durable = false, MaxConnections = 300 };
    var first = EmbeddedPostgres.Start(options, log);
    await using (var connection = new NpgsqlConnection(first.ConnectionString("postgres")))
    {
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'", connection);
        await command.ExecuteNonQueryAsync();
    }

    NpgsqlConnection.ClearAllPools();
    first.Stop();
    return EmbeddedPostgres.Start(options, log);
}

// As the tests build their template (tests/IwgPortal.Testing/TestPostgres.cs): the portal's migrations, then its reference data.
static async Task MigrateAsync(string connectionString)
{
    var options = new DbContextOptionsBuilder<PortalDbContext>()
        .UseNpgsql(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history"))
        .UseSnakeCaseNamingConvention()
        .Options;
    await using var db = new PortalDbContext(options);
    await db.Database.MigrateAsync();
    await ReferenceData.SeedAsync(db, CancellationToken.None);
}

static async Task<WrkResult> MeasureAsync(Uri url, Scale scale, IReadOnlyList<string> headers)
{
    if (scale.WarmUpSeconds > 0)
    {
        await Wrk.RunAsync(url, scale.Threads, scale.Connections, scale.WarmUpSeconds, headers);
    }

    return await Wrk.RunAsync(url, scale.Threads, scale.Connections, scale.DurationSeconds, headers, stopAfterMs: scale.StopWrkAfterMs);
}
