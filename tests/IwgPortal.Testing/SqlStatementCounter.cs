using System.Collections.Concurrent;
using System.Diagnostics;

namespace IwgPortal.Testing;

/// <summary>
/// Counts the SQL statements one HTTP request makes, from Npgsql's own tracing: the request
/// carries a fresh trace id (traceparent), and every Npgsql command activity under it is counted.
/// Other requests running in parallel have other trace ids, so they do not disturb the count.
/// <see cref="StatementsOfAsync"/> records the statements' text for work done outside a request.
/// What it counts are round trips: a batch of statements (<c>NpgsqlBatch</c>) is one activity, so
/// one here; the benchmark counts the statements themselves (pg_stat_statements).
/// </summary>
public static class SqlStatementCounter
{
    private static readonly ConcurrentDictionary<ActivityTraceId, int> Counts = new();
    private static readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<string>> Texts = new();
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

    /// <summary>The text of every statement <paramref name="work"/> sends, run under a trace of its own.</summary>
    public static async Task<IReadOnlyList<string>> StatementsOfAsync(Func<Task> work)
    {
        GC.KeepAlive(Listener);
        using var trace = new Activity("statements-of");
        trace.SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var texts = Texts.GetOrAdd(trace.TraceId, _ => new ConcurrentQueue<string>());
        trace.Start();
        try
        {
            await work();
        }
        finally
        {
            trace.Stop();
            Texts.TryRemove(trace.TraceId, out _);
            Counts.TryRemove(trace.TraceId, out _);
        }

        return [.. texts];
    }

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
                    if (Texts.TryGetValue(activity.TraceId, out var texts))
                    {
                        texts.Enqueue(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
