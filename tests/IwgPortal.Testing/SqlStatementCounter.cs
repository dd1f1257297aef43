using System.Collections.Concurrent;
using System.Diagnostics;

namespace IwgPortal.Testing;

/// <summary>
/// Counts the SQL statements one HTTP request makes, from Npgsql's own tracing: the request
/// carries a fresh trace id (traceparent), and every Npgsql command activity under it is counted.
/// Other requests running in parallel have other trace ids, so they do not disturb the count.
/// What it counts are round trips: a batch of statements (<c>NpgsqlBatch</c>) is one activity, so
/// one here; the benchmark counts the statements themselves (pg_stat_statements).
/// </summary>
public static class SqlStatementCounter
{
    private static readonly ConcurrentDictionary<ActivityTraceId, int> Counts = new();
    private static readonly ActivityListener Listener = CreateListener();

    public static async Task<(HttpResponseMessage Response, int Statements)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        GC.KeepAlive(Listener);
        var traceId = ActivityTraceId.CreateRandom();
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, Counts.TryRemove(traceId, out var count) ? count : 0);
    }

    public static Task<(HttpResponseMessage Response, int Statements)> GetAsync(HttpClient client, string path) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    private static ActivityListener CreateListener()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql")
                {
                    Counts.AddOrUpdate(activity.TraceId, 1, (_, n) => n + 1);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
