using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Hosting.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>
/// The per-state counts of a filter (the tabs of the list) are a GROUP BY over every matching
/// proposal: at 100,000 proposals most of a list request's database time. They change only with a
/// write, so they are kept per filter until the next write on this instance (<see cref="PublicContent.Generation"/>)
/// or for the output-cache lifetime at most, which bounds what another instance's writes leave stale.
/// </summary>
public sealed class ProposalCountCache(PublicContent content, PublicCacheOptions options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public async ValueTask<IReadOnlyDictionary<ProposalState, int>> GetOrCountAsync(
        CountKey key, Func<CancellationToken, Task<Dictionary<ProposalState, int>>> count, CancellationToken cancellationToken)
    {
        // Read before counting: a write committed meanwhile moves the generation on, and the counts stored under the old one are not used.
        var generation = content.Generation;
        if (_cache.TryGetValue(key, out Entry? entry) && entry!.Generation == generation)
        {
            return entry.Counts;
        }

        var counts = await count(cancellationToken);
        _cache.Set(key, new Entry(generation, counts), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(1, options.Seconds)),
        });
        return counts;
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>The filters the counts depend on (not the state: counts ignore it; not the order or page).</summary>
    public sealed record CountKey(string? Service, bool? ChangesWorkflow, string? Author, string? Q);

    private sealed record Entry(long Generation, IReadOnlyDictionary<ProposalState, int> Counts);
}
