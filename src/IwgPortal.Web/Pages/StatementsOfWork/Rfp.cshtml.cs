using IwgPortal.Domain.Membership;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork.Sourcing;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>The public face of a request for proposals: deadline, criteria, Q&amp;A, conflicts; never an offer.</summary>
public sealed class SowRfpModel(IMediator mediator, CurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty]
    public AskInput Ask { get; set; } = new();

    [BindProperty]
    public AnswerInput Answer { get; set; } = new();

    [BindProperty]
    public ConflictInput Conflict { get; set; } = new();

    public SowDetails Sow { get; private set; } = null!;

    public RfpDetails Rfp { get; private set; } = null!;

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool IsSignedIn => user.IsSignedIn;

    public bool IsWorkingGroup => user.Roles.IsWorkingGroup;

    public bool IsContractor => user.Roles.Has(Role.Contractor);

    public bool IsConflicted => user.Login is { } me && Rfp.Conflicts.Any(c => c.Member == me);

    /// <summary>WG, board or treasurer after the deadline and not conflicted: the ranking is theirs to read.</summary>
    public bool MayEvaluate => user.Roles.MaySeeConfidential && !Rfp.IsSealed && !IsConflicted;

    public IEnumerable<string> ErrorsFor(string key) => ModelState.ErrorsFor(key);

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public Task<IActionResult> OnPostAskAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Ask", () => mediator.Send(new AskRfpQuestionCommand(id, Ask.Question ?? string.Empty), ct), "#questions", ct);

    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Answer", () => mediator.Send(new AnswerRfpQuestionCommand(id, Answer.QuestionId, Answer.Answer ?? string.Empty), ct), $"#q{Answer.QuestionId}", ct);

    public Task<IActionResult> OnPostConflictAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Conflict", () => mediator.Send(new DeclareRfpConflictCommand(id, Conflict.Organisation ?? string.Empty, string.IsNullOrWhiteSpace(Conflict.Note) ? null : Conflict.Note), ct), "#conflicts", ct);

    private async Task<IActionResult> SendAsync<T>(int id, string form, Func<ValueTask<T>> send, string anchor, CancellationToken ct)
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
                return Redirect(SourcingText.Rfp(id) + anchor);
            }
            catch (Exception ex) when (ModelState.AddTo(ex, form))
            {
                FailedForm = form;
            }
        }
        else
        {
            FailedForm = form;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>Which form came back with an error (its message shows next to it).</summary>
    public string? FailedForm { get; private set; }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Sow = await mediator.Send(new GetSowQuery(id), ct);
        Rfp = await mediator.Send(new GetRfpQuery(id), ct);
    }

    public sealed class AskInput
    {
        public string? Question { get; set; }
    }

    public sealed class AnswerInput
    {
        public int QuestionId { get; set; }

        public string? Answer { get; set; }
    }

    public sealed class ConflictInput
    {
        public string? Organisation { get; set; }

        public string? Note { get; set; }
    }
}
