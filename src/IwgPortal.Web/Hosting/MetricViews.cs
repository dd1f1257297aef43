using OpenTelemetry.Metrics;

namespace IwgPortal.Web.Hosting;

/// <summary>
/// Instruments that would be recorded many times per request and tell an operator nothing the others
/// do not: each costs the SDK a lookup of its tags and an atomic update on every measurement, and
/// together they were about 1 % of a short API read's CPU (docs/performance.md). A dropped instrument
/// is not listened to at all. What stays: request duration and active requests, Kestrel's connections,
/// the memory pool's size, authentication time, and Npgsql's operation time, pool and prepared ratio.
/// </summary>
public static class MetricViews
{
    public static IReadOnlyList<string> Dropped { get; } =
    [
        "aspnetcore.memory_pool.rented",            // every block Kestrel rents, several per request; the pool's size stays
        "aspnetcore.routing.match_attempts",        // one per request: the request duration has the route already
        "db.client.operation.npgsql.bytes_read",    // every read from PostgreSQL's socket
        "db.client.operation.npgsql.bytes_written", // every flush to it
    ];

    public static MeterProviderBuilder AddPortalMetricViews(this MeterProviderBuilder metrics)
    {
        foreach (var name in Dropped)
        {
            metrics.AddView(name, MetricStreamConfiguration.Drop);
        }

        return metrics;
    }
}
