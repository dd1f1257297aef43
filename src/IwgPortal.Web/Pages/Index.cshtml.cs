using IwgPortal.Web.Features.Home;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages;

public sealed class IndexModel(IMediator mediator, CurrentUser user) : PageModel
{
    public HomeSummary Summary { get; private set; } = null!;

    public bool SignedIn => user.IsSignedIn;

    public async Task OnGetAsync(CancellationToken ct) => Summary = await mediator.Send(new GetHomeSummaryQuery(), ct);
}
