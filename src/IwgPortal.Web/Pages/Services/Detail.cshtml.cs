using System.Globalization;
using IwgPortal.Domain.Services;
using IwgPortal.Web.Features.Audit;
using IwgPortal.Web.Features.Services;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Services;

public sealed class ServiceDetailModel(IMediator mediator) : PageModel
{
    public ServiceDetails Service { get; private set; } = null!;

    public IReadOnlyList<AuditItem> History { get; private set; } = [];

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Service = await mediator.Send(new GetServiceQuery(slug), ct);
        History = await mediator.Send(new GetAuditTrailQuery(InfrastructureService.AuditKind, Service.Id.ToString(CultureInfo.InvariantCulture)), ct);
    }
}
