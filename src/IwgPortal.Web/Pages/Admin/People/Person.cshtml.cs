using IwgPortal.Domain.Membership;
using IwgPortal.Web.Features.Membership;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Admin.People;

public sealed class PersonAdminModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public GrantInput Input { get; set; } = new();

    public PersonDetails Person { get; private set; } = null!;

    public IEnumerable<SelectListItem> RoleChoices => RoleNames.Grantable.Select(r => new SelectListItem(r.Display(), r.ToString()));

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostGrantAsync(int id, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new GrantRoleCommand(id, Input.Role, AsUtc(Input.From), AsUtc(Input.To)), ct);
            return RedirectToPage(new { id });
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostEndAsync(int id, int grantId, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new EndRoleGrantCommand(grantId), ct);
            return RedirectToPage(new { id });
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task LoadAsync(int id, CancellationToken ct) => Person = await mediator.Send(new GetPersonByIdQuery(id), ct);

    private static DateTimeOffset? AsUtc(DateOnly? date) => date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    public sealed class GrantInput
    {
        public Role Role { get; set; } = Role.WorkingGroupMember;

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }
    }
}
