using System.Globalization;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// One statement of work: its latest published text, its revisions, timeline and discussion; for
/// the working group also the unpublished draft's state and the form that moves it.
/// </summary>
public sealed class SowDetailModel(IMediator mediator, CurrentUser user, TimeProvider clock) : PageModel, ICommentsPage
{
    [BindProperty]
    public MoveInput Move { get; set; } = new();

    [BindProperty]
    public CommentInput Comment { get; set; } = new();

    [BindProperty]
    public HideInput Hide { get; set; } = new();

    public IReadOnlyList<CommentItem> Comments { get; private set; } = [];

    public string? FailedForm { get; private set; }

    public bool SignedIn => user.IsSignedIn;

    /// <summary>Published and not closed or cancelled: the discussion is open.</summary>
    public bool AcceptsComments => Sow.Revisions.Count > 0 && Sow.State is not (SowState.Closed or SowState.Cancelled);

    public string? FailedCommentBody => Comment.Body;

    public string? FailedHideReason => Hide.Reason;

    public string EditUrl(CommentItem comment) => $"/sows/{Sow.Id}/comments/{comment.Id}/edit";

    public (string Text, string Url)? RevisionNote(CommentItem comment) =>
        comment.Revision is { } n && Sow.Revisions.Count > 0 && n != Sow.Revisions[^1].Number
            ? ($"on revision {n}", SowLinks.Revision(Sow.Id, n))
            : null;

    public SowDetails Sow { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> ServiceNames { get; private set; } = new Dictionary<string, string>();

    public bool IsWorkingGroup => user.Roles.IsWorkingGroup;

    /// <summary>The delivery route's panel (volunteers, bounty or RFP) of the latest published revision.</summary>
    public SourcingPanel Sourcing { get; private set; } = null!;

    public bool MoveFailed { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>What the page shows as the text: the latest revision, or for the working group the never-published draft.</summary>
    public SowContent? Shown => Sow.Published ?? Sow.Draft;

    /// <summary>The moves this stage owns (sourcing, decision, back to draft, cancellation); publishing has its own button.</summary>
    public IReadOnlyList<SowState> Moves => [.. Sow.NextStates.Where(s => s is SowState.Sourcing or SowState.InDecision or SowState.Draft or SowState.Cancelled)];

    /// <summary>Workflow-changing proposals whose consultation still holds back the decision.</summary>
    public IEnumerable<string> ConsultationNotices => Sow.State is SowState.Draft or SowState.Published or SowState.Sourcing
        ? Sow.Proposals.Where(p => p.ChangesWorkflow && (p.ConsultationEndsAt is null || Now < p.ConsultationEndsAt)).Select(p => p.ConsultationEndsAt is { } ends
            ? $"Consultation on “{p.Title}” ends {Display.Relative(ends, Now)} ({ends.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}); the decision waits for it."
            : $"Consultation on “{p.Title}” has not started yet; the decision waits for it to end.")
        : [];

    public IEnumerable<string> ErrorsFor(string key) => ModelState.ErrorsFor(key);

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct)
    {
        if (!IsWorkingGroup)
        {
            return user.IsSignedIn ? Forbid() : Challenge();
        }

        try
        {
            await mediator.Send(new MoveSowCommand(id, Move.To, Move.Reason), ct);
            return Redirect(Move.To == SowState.Draft ? SowLinks.Edit(id) : SowLinks.For(id) + "#timeline");
        }
        catch (Exception ex) when (ModelState.AddTo(ex, "Move"))
        {
            MoveFailed = true;
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public Task<IActionResult> OnPostCommentAsync(int id, CancellationToken ct) =>
        ActAsync(id, Comment.ReplyTo is { } parent ? $"reply-{parent}" : "comment", "Comment", async () =>
            $"#comment-{await mediator.Send(new AddCommentCommand(CommentSubject.Sow(id), Comment.Body ?? string.Empty, Comment.ReplyTo), ct)}", ct);

    public Task<IActionResult> OnPostHideAsync(int id, CancellationToken ct) =>
        ActAsync(id, $"hide-{Hide.CommentId}", "Hide", async () =>
        {
            await mediator.Send(new HideCommentCommand(CommentSubject.Sow(id), Hide.CommentId, Hide.Reason ?? string.Empty), ct);
            return $"#comment-{Hide.CommentId}";
        }, ct);

    private async Task<IActionResult> ActAsync(int id, string form, string prefix, Func<Task<string>> act, CancellationToken ct)
    {
        if (!user.IsSignedIn)
        {
            return Challenge();
        }

        try
        {
            return Redirect(SowLinks.For(id) + await act());
        }
        catch (Exception ex) when (ModelState.AddTo(ex, prefix))
        {
            FailedForm = form;
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Sow = await mediator.Send(new GetSowQuery(id), ct);
        Comments = Sow.Revisions.Count > 0 || IsWorkingGroup ? await mediator.Send(new ListCommentsQuery(CommentSubject.Sow(id), WithTexts: false), ct) : [];
        ServiceNames = (await mediator.Send(new ListServicesQuery(), ct)).ToDictionary(s => s.Slug, s => s.Name);
        Sourcing = await SourcingPanel.LoadAsync(mediator, user, clock, id, Sow.Published?.Route, Sow.State, ct);
    }

    public sealed class CommentInput
    {
        public string? Body { get; set; }

        public int? ReplyTo { get; set; }
    }

    public sealed class HideInput
    {
        public int CommentId { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class MoveInput
    {
        public SowState To { get; set; }

        public string? Reason { get; set; }
    }
}
