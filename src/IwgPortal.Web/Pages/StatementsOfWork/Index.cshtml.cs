using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>The statements of work; for the working group also the drafts and the form that starts one.</summary>
public sealed class SowListModel(IMediator mediator, CurrentUser user) : PageModel
{
    [BindProperty]
    public NewSowInput Input { get; set; } = new();

    public IReadOnlyList<SowItem> Sows { get; private set; } = [];

    /// <summary>Accepted proposals, the only ones a statement of work can start from (working group only).</summary>
    public IReadOnlyList<ProposalItem> Accepted { get; private set; } = [];

    public bool IsWorkingGroup => user.Roles.IsWorkingGroup;

    public bool ShowNewForm { get; private set; }

    public async Task OnGetAsync(int? proposal, bool @new, CancellationToken ct)
    {
        await LoadAsync(ct);
        ShowNewForm = @new;
        if (proposal is { } id && Accepted.FirstOrDefault(p => p.Id == id) is { } chosen)
        {
            // Arriving from a proposal's "Start a statement of work": that proposal is ticked and names the SOW.
            Input = new NewSowInput { ProposalIds = [id], Title = chosen.Title };
            ShowNewForm = true;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsWorkingGroup)
        {
            return user.IsSignedIn ? Forbid() : Challenge();
        }

        try
        {
            var id = await mediator.Send(new CreateSowCommand(Input.ProposalIds, Input.Title ?? string.Empty), ct);
            return Redirect(SowLinks.Edit(id));
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            ShowNewForm = true;
            await LoadAsync(ct);
            return Page();
        }
    }

    public IEnumerable<string> ErrorsFor(string key) => ModelState.ErrorsFor(key);

    private async Task LoadAsync(CancellationToken ct)
    {
        Sows = await mediator.Send(new ListSowsQuery(), ct);
        if (IsWorkingGroup)
        {
            Accepted = (await mediator.Send(new ListProposalsQuery(State: ProposalState.Accepted, PageSize: 100, IncludeCounts: false), ct)).Items;
        }
    }

    public sealed class NewSowInput
    {
        public List<int> ProposalIds { get; set; } = [];

        public string? Title { get; set; }
    }
}
