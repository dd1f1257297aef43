using IwgPortal.Web.Features.Services;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Services;

public sealed class ServicesModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ServiceItem> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Services = await mediator.Send(new ListServicesQuery(), ct);
}
