using IwgPortal.Domain.Services;
using IwgPortal.Web.Data;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Hosting.Caching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Services;

public sealed record ListServicesQuery : IQuery<IReadOnlyList<ServiceItem>>;

public sealed record ServiceItem(string Slug, ServiceKind Kind, string Name, string Operator, string? DocumentationUrl);

public sealed class ListServicesHandler(PortalDbContext db, PublicDataCache cache) : IQueryHandler<ListServicesQuery, IReadOnlyList<ServiceItem>>
{
    public async ValueTask<IReadOnlyList<ServiceItem>> Handle(ListServicesQuery query, CancellationToken cancellationToken) =>
        (await ServiceCatalogue.ReadAsync(db, cache, cancellationToken)).Items;
}

/// <summary>
/// The catalogue: a dozen rows that many pages show (the catalogue itself, the services each
/// proposal names) and only a write changes, so it is read once per write (<see cref="PublicDataCache"/>)
/// instead of joined into every proposal query.
/// </summary>
public sealed class ServiceCatalogue
{
    private ServiceCatalogue(IReadOnlyList<ServiceItem> items, IReadOnlyDictionary<int, ServiceRef> byId)
    {
        Items = items;
        ById = byId;
    }

    /// <summary>In the catalogue's order: by kind as the enum lists them, then by name.</summary>
    public IReadOnlyList<ServiceItem> Items { get; }

    public IReadOnlyDictionary<int, ServiceRef> ById { get; }

    public static ValueTask<ServiceCatalogue> ReadAsync(PortalDbContext db, PublicDataCache cache, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(new Key(), async ct =>
        {
            var rows = await db.Services.AsNoTracking()
                .Select(s => new { s.Id, s.Slug, s.Kind, s.Name, s.Operator, s.DocumentationUrl })
                .ToListAsync(ct);

            // Enums are stored as text, so the database would sort kinds alphabetically; the catalogue order is the seed's.
            var items = rows.OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Select(s => new ServiceItem(s.Slug, s.Kind, s.Name, s.Operator, s.DocumentationUrl?.ToString()))
                .ToList();
            return new ServiceCatalogue(items, rows.ToDictionary(s => s.Id, s => new ServiceRef(s.Slug, s.Name)));
        }, cancellationToken);

    /// <summary>The services a proposal names, in the order its author gave.</summary>
    public IReadOnlyList<ServiceRef> Named(IEnumerable<int> ids) => [.. ids.Where(ById.ContainsKey).Select(id => ById[id])];

    /// <summary>The id behind a slug, or null for a slug no service has.</summary>
    public int? IdOf(string slug) => ById.Where(s => s.Value.Slug == slug).Select(s => (int?)s.Key).FirstOrDefault();

    private sealed record Key;
}
