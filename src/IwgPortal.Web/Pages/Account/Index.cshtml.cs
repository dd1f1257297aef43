using IwgPortal.Web.Features.Account;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Account;

public sealed class ProfileModel(IMediator mediator) : PageModel
{
    public MyProfile Profile { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Profile = await mediator.Send(new GetMyProfileQuery(), ct);
}
