using Microsoft.Extensions.Caching.Memory;

namespace IwgPortal.Web.Hosting.Caching;

/// <summary>
/// Public data that many requests read and only writes change — the per-state counts of a list
/// filter (a GROUP BY over every matching proposal), the service catalogue, the home page's
/// summary — kept until the next write on this instance (<see cref="PublicContent.Generation"/>)
/// or for the output-cache lifetime at most, which bounds what another instance's writes leave
/// stale. Unlike the output cache it serves signed-in people too, so only what is the same for
/// every reader may be stored here.
/// </summary>
public sealed class PublicDataCache(PublicContent content, PublicCacheOptions options, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    /// <summary>The value stored under <paramref name="key"/> (a record naming the data and everything it depends on), or loads it.</summary>
    public async ValueTask<T> GetOrLoadAsync<T>(object key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        // Read before loading: a write committed meanwhile moves the generation on, and what is stored under the old one is not used.
        var generation = content.Generation;
        var now = clock.GetTimestamp();
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Generation == generation)
        {
            // Past its lifetime (not changed by a write here: that moves the generation), one request
            // reads it again while the others still get it. Otherwise every request arriving during the
            // reload would run the same GROUP BY at once, each of them slowed by all the others.
            if (now < entry.FreshUntil || (now < entry.ServedUntil && !entry.TryClaimRefresh()))
            {
                return entry.Value;
            }
        }

        var value = await load(cancellationToken);
        var lifetime = TimeSpan.FromSeconds(Math.Max(1, options.Seconds));
        _cache.Set(key, new Entry<T>(generation, value, now + ToTicks(lifetime), now + ToTicks(lifetime * 2)), new MemoryCacheEntryOptions
        {
            Size = 1,

            // Only to give the memory back: what may be served is decided by ServedUntil, on the clock above.
            AbsoluteExpirationRelativeToNow = lifetime * 3,
        });
        return value;
    }

    public void Dispose() => _cache.Dispose();

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    /// <summary>
    /// Fresh until <see cref="FreshUntil"/>; then, while one request reloads it, still served to the
    /// others, but never past <see cref="ServedUntil"/> (a reload that failed or hangs is not waited for).
    /// </summary>
    private sealed class Entry<T>(long generation, T value, long freshUntil, long servedUntil)
    {
        private int _refreshing;

        public long Generation { get; } = generation;

        public T Value { get; } = value;

        public long FreshUntil { get; } = freshUntil;

        public long ServedUntil { get; } = servedUntil;

        public bool TryClaimRefresh() => Interlocked.Exchange(ref _refreshing, 1) == 0;
    }
}
