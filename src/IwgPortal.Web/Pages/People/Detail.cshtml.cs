using IwgPortal.Web.Features.Membership;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.People;

public sealed class PersonPageModel(IMediator mediator) : PageModel
{
    public PersonDetails Person { get; private set; } = null!;

    public async Task OnGetAsync(string login, CancellationToken ct) => Person = await mediator.Send(new GetPersonQuery(login), ct);
}
