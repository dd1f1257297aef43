using IwgPortal.Web.Features.Membership;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Admin.People;

public sealed class PeopleAdminModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<PersonItem> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => People = await mediator.Send(new ListPeopleQuery(), ct);
}
