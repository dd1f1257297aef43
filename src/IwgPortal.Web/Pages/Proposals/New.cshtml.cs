using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Proposals;

[Authorize(Policy = Policies.SignedIn)]
public sealed class NewProposalModel(IMediator mediator, ProposalOptions options) : PageModel
{
    public const string DraftKey = "proposal-new";

    [BindProperty]
    public ProposalInput Input { get; set; } = new();

    public IReadOnlyList<ServiceItem> Services { get; private set; } = [];

    public int ConsultationDays => options.ConsultationDays;

    /// <summary>Errors of the link list, which the validator reports line by line.</summary>
    public IEnumerable<string> LinkErrors => ModelState
        .Where(e => e.Key.StartsWith("Input.Links", StringComparison.Ordinal))
        .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage))
        .Distinct();

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The key is made once per form: a second click on "Submit" sends the same key and makes no second proposal.
        Input = new ProposalInput { SubmissionKey = Guid.NewGuid() };
        Services = await mediator.Send(new ListServicesQuery(), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var submitted = await mediator.Send(new SubmitProposalCommand(
                Input.Title ?? string.Empty, Input.Problem ?? string.Empty, Input.DesiredOutcome ?? string.Empty, Input.ChangesWorkflow,
                Input.Services, Input.LinkList, Input.SubmissionKey), ct);
            TempData["DraftClear"] = DraftKey;
            return Redirect(ProposalLinks.For(submitted.Id, submitted.Slug));
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            Services = await mediator.Send(new ListServicesQuery(), ct);
            return Page();
        }
    }

    public sealed class ProposalInput
    {
        public string? Title { get; set; }

        public string? Problem { get; set; }

        public string? DesiredOutcome { get; set; }

        public bool ChangesWorkflow { get; set; }

        public List<string> Services { get; set; } = [];

        /// <summary>One URL per line.</summary>
        public string? Links { get; set; }

        public Guid? SubmissionKey { get; set; }

        public IReadOnlyList<string> LinkList =>
            [.. (Links ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
