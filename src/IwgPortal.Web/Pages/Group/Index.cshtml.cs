using IwgPortal.Domain.Membership;
using IwgPortal.Web.Features.Home;
using IwgPortal.Web.Features.Membership;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Group;

public sealed class GroupModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<PersonItem> Members { get; private set; } = [];

    public IReadOnlyList<PersonItem> Board { get; private set; } = [];

    public IReadOnlyList<PersonItem> Treasurers { get; private set; } = [];

    public IReadOnlyList<PersonItem> Contractors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Members = (await mediator.Send(new GetHomeSummaryQuery(), ct)).WorkingGroup;
        Board = await mediator.Send(new ListPeopleQuery(Role.BoardMember), ct);
        Treasurers = await mediator.Send(new ListPeopleQuery(Role.Treasurer), ct);
        Contractors = await mediator.Send(new ListPeopleQuery(Role.Contractor), ct);
    }
}
