using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Features.StatementsOfWork;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>One frozen revision at its own address, for anyone.</summary>
public sealed class SowRevisionModel(IMediator mediator) : PageModel
{
    public SowDetails Sow { get; private set; } = null!;

    public SowRevisionDetails Revision { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> ServiceNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(int id, int number, CancellationToken ct)
    {
        Sow = await mediator.Send(new GetSowQuery(id), ct);
        Revision = await mediator.Send(new GetSowRevisionQuery(id, number), ct);
        ServiceNames = (await mediator.Send(new ListServicesQuery(), ct)).ToDictionary(s => s.Slug, s => s.Name);
    }
}
