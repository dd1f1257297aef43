using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork.Sourcing;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// The forms of an SOW's delivery panel post here. On success the person goes back to the SOW
/// page; when something is wrong, this page shows the panel again with the errors and the text typed.
/// </summary>
public sealed class SowSourcingModel(IMediator mediator, CurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty]
    public VolunteerInput Volunteer { get; set; } = new();

    [BindProperty]
    public BountyAmountInput Amount { get; set; } = new();

    [BindProperty]
    public BountyApplyInput Apply { get; set; } = new();

    [BindProperty]
    public OpenRfpInput Rfp { get; set; } = new();

    public SowDetails Sow { get; private set; } = null!;

    public SourcingPanel Panel { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public Task<IActionResult> OnPostVolunteerAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Volunteer", () => mediator.Send(new OfferToVolunteerCommand(id, Volunteer.Note ?? string.Empty), ct), ct);

    public Task<IActionResult> OnPostAssignAsync(int id, int offerId, CancellationToken ct) =>
        SendAsync(id, "Assign", () => mediator.Send(new AssignVolunteerCommand(id, offerId), ct), ct);

    public Task<IActionResult> OnPostAmountAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Amount", () => mediator.Send(new SetBountyCommand(id, Amount.Amount ?? 0m, Amount.Currency ?? string.Empty), ct), ct);

    public Task<IActionResult> OnPostApplyAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Apply", () => mediator.Send(new ApplyForBountyCommand(id, Apply.Plan ?? string.Empty), ct), ct);

    public Task<IActionResult> OnPostSelectAsync(int id, int applicationId, CancellationToken ct) =>
        SendAsync(id, "Select", () => mediator.Send(new SelectBountyApplicantCommand(id, applicationId), ct), ct);

    public Task<IActionResult> OnPostRfpAsync(int id, CancellationToken ct)
    {
        var criteria = Rfp.Criteria
            .Where(c => !string.IsNullOrWhiteSpace(c.Name) || c.Weight is not null)
            .Select(c => new RfpCriterionInput(c.Name ?? string.Empty, c.Weight ?? 0))
            .ToList();
        var deadline = Rfp.Deadline is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : default;
        return SendAsync(id, "Rfp", () => mediator.Send(new OpenRfpCommand(id, deadline, criteria), ct), ct, SourcingText.Rfp(id));
    }

    private async Task<IActionResult> SendAsync<T>(int id, string form, Func<ValueTask<T>> send, CancellationToken ct, string? next = null)
    {
        if (!user.IsSignedIn)
        {
            return Challenge();
        }

        if (ModelState.IsValid)
        {
            try
            {
                await send();
                return Redirect(next ?? SowLinks.For(id) + "#delivery");
            }
            catch (Exception ex) when (ModelState.AddTo(ex, form))
            {
            }
        }

        await LoadAsync(id, ct);
        Panel.Inputs = new SourcingInputs { Volunteer = Volunteer, Amount = Amount, Apply = Apply, Rfp = Rfp };
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Sow = await mediator.Send(new GetSowQuery(id), ct);
        Panel = await SourcingPanel.LoadAsync(mediator, user, clock, id, Sow.Published?.Route, Sow.State, ct);
    }
}
