using IwgPortal.Domain.Services;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Services;

public sealed record GetServiceQuery(string Slug) : IQuery<ServiceDetails>;

/// <summary>Version is the row's concurrency token: send it back when updating.</summary>
public sealed record ServiceDetails(int Id, string Slug, ServiceKind Kind, string Name, string Description, string Operator, string? DocumentationUrl, uint Version);

public sealed class GetServiceHandler(PortalDbContext db) : IQueryHandler<GetServiceQuery, ServiceDetails>
{
    public async ValueTask<ServiceDetails> Handle(GetServiceQuery query, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking()
            .Where(s => s.Slug == query.Slug)
            .Select(s => new { s.Id, s.Slug, s.Kind, s.Name, s.Description, s.Operator, s.DocumentationUrl, Version = EF.Property<uint>(s, "xmin") })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"There is no service '{query.Slug}'.");
        return new ServiceDetails(service.Id, service.Slug, service.Kind, service.Name, service.Description, service.Operator,
            service.DocumentationUrl?.ToString(), service.Version);
    }
}
