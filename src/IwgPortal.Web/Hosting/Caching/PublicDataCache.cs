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
public sealed class PublicDataCache(PublicContent content, PublicCacheOptions options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    /// <summary>The value stored under <paramref name="key"/> (a record naming the data and everything it depends on), or loads it.</summary>
    public async ValueTask<T> GetOrLoadAsync<T>(object key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        // Read before loading: a write committed meanwhile moves the generation on, and what is stored under the old one is not used.
        var generation = content.Generation;
        if (_cache.TryGetValue(key, out Entry<T>? entry) && entry!.Generation == generation)
        {
            return entry.Value;
        }

        var value = await load(cancellationToken);
        _cache.Set(key, new Entry<T>(generation, value), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(1, options.Seconds)),
        });
        return value;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(long Generation, T Value);
}
