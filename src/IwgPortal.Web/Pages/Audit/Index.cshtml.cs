using IwgPortal.Web.Features.Audit;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Audit;

public sealed class AuditModel(IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditItem> Events { get; private set; } = [];

    public async Task OnGetAsync(long? before, CancellationToken ct) =>
        Events = await mediator.Send(new GetAuditTrailQuery(Before: before, Limit: PageSize), ct);
}
