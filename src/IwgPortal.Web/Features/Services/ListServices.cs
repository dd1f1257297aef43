using IwgPortal.Domain.Services;
using IwgPortal.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Services;

public sealed record ListServicesQuery : IQuery<IReadOnlyList<ServiceItem>>;

public sealed record ServiceItem(string Slug, ServiceKind Kind, string Name, string Operator, string? DocumentationUrl);

public sealed class ListServicesHandler(PortalDbContext db) : IQueryHandler<ListServicesQuery, IReadOnlyList<ServiceItem>>
{
    public async ValueTask<IReadOnlyList<ServiceItem>> Handle(ListServicesQuery query, CancellationToken cancellationToken)
    {
        var rows = await db.Services.AsNoTracking()
            .OrderBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new { s.Slug, s.Kind, s.Name, s.Operator, s.DocumentationUrl })
            .ToListAsync(cancellationToken);

        // Enums are stored as text, so the database sorts kinds alphabetically; the catalogue order is the seed's.
        return [.. rows.OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new ServiceItem(s.Slug, s.Kind, s.Name, s.Operator, s.DocumentationUrl?.ToString()))];
    }
}
