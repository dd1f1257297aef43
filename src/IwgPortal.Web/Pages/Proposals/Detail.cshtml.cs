using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Pages.Proposals;

/// <summary>
/// One proposal: the record, its timeline of moves and comment threads, and the forms that act on
/// it. Each form posts to its own handler; on an error the page is shown again with the typed text
/// kept in the form that failed.
/// </summary>
public sealed class ProposalDetailModel(IMediator mediator, CurrentUser user, TimeProvider clock, ProposalOptions options) : PageModel, ICommentsPage
{
    [BindProperty]
    public CommentInput Comment { get; set; } = new();

    [BindProperty]
    public MoveInput Move { get; set; } = new();

    [BindProperty]
    public HideInput Hide { get; set; } = new();

    public ProposalDetails Proposal { get; private set; } = null!;

    public IReadOnlyList<CommentItem> Comments { get; private set; } = [];

    /// <summary>The statements of work built on this proposal (drafts too, for the working group).</summary>
    public IReadOnlyList<SowItem> Sows { get; private set; } = [];

    /// <summary>Which form the shown errors belong to: "comment", "reply-{id}", "move", "withdraw", "hide-{id}".</summary>
    public string? FailedForm { get; private set; }

    /// <summary>Set after a conflicting move: the state someone else moved the proposal to meanwhile.</summary>
    public bool MovedMeanwhile { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public int ConsultationDays => options.ConsultationDays;

    public string Canonical => ProposalLinks.For(Proposal.Id, Proposal.Slug);

    public bool SignedIn => user.IsSignedIn;

    public bool IsWorkingGroup => user.Roles.IsWorkingGroup;

    public bool IsAuthor => user.PersonId == Proposal.AuthorId;

    public bool AcceptsComments => Proposal.State != ProposalState.Withdrawn;

    public IReadOnlyList<ProposalState> WorkingGroupMoves => [.. Proposal.NextStates.Where(s => s != ProposalState.Withdrawn)];

    public string? FailedCommentBody => Comment.Body;

    public string? FailedHideReason => Hide.Reason;

    public string EditUrl(CommentItem comment) => $"/proposals/{Proposal.Id}/comments/{comment.Id}/edit";

    public (string Text, string Url)? RevisionNote(CommentItem comment) => null;

    public bool CanWithdraw => IsAuthor && Proposal.NextStates.Contains(ProposalState.Withdrawn);

    /// <summary>
    /// Moves (<see cref="TransitionItem"/>) and the threads between them (a list of
    /// <see cref="CommentItem"/>, shown by one partial) in the order they happened.
    /// </summary>
    public IEnumerable<object> Timeline
    {
        get
        {
            var threads = new List<CommentItem>();
            foreach (var entry in Proposal.Transitions.Select(t => (At: t.At, Item: (object)t))
                .Concat(Comments.Select(c => (At: c.CreatedAt, Item: (object)c)))
                .OrderBy(e => e.At))
            {
                if (entry.Item is CommentItem thread)
                {
                    threads.Add(thread);
                    continue;
                }

                if (threads.Count > 0)
                {
                    yield return threads;
                    threads = [];
                }

                yield return entry.Item;
            }

            if (threads.Count > 0)
            {
                yield return threads;
            }
        }
    }

    public IEnumerable<string> ErrorsFor(string key) => ModelState.ErrorsFor(key);

    public async Task<IActionResult> OnGetAsync(int id, string? slug, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if ((slug ?? string.Empty) != Proposal.Slug)
        {
            return RedirectPermanent(Canonical);
        }

        Move.Version = Proposal.Version;
        return Page();
    }

    public Task<IActionResult> OnPostCommentAsync(int id, CancellationToken ct) =>
        ActAsync(id, Comment.ReplyTo is { } parent ? $"reply-{parent}" : "comment", "Comment", async () =>
        {
            var commentId = await mediator.Send(new AddCommentCommand(CommentSubject.Proposal(id), Comment.Body ?? string.Empty, Comment.ReplyTo), ct);
            if (Comment.ReplyTo is null)
            {
                TempData["DraftClear"] = DraftKey(id);
            }

            return $"#comment-{commentId}";
        }, ct);

    public Task<IActionResult> OnPostMoveAsync(int id, CancellationToken ct) =>
        ActAsync(id, "move", "Move", async () =>
        {
            await mediator.Send(new MoveProposalCommand(id, Move.To, Move.Reason, Move.Version), ct);
            return "#timeline";
        }, ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct) =>
        ActAsync(id, "withdraw", "Move", async () =>
        {
            await mediator.Send(new MoveProposalCommand(id, ProposalState.Withdrawn, Move.Reason, Move.Version), ct);
            return "#timeline";
        }, ct);

    public Task<IActionResult> OnPostHideAsync(int id, CancellationToken ct) =>
        ActAsync(id, $"hide-{Hide.CommentId}", "Hide", async () =>
        {
            await mediator.Send(new HideCommentCommand(CommentSubject.Proposal(id), Hide.CommentId, Hide.Reason ?? string.Empty), ct);
            return $"#comment-{Hide.CommentId}";
        }, ct);

    public Task<IActionResult> OnPostFollowAsync(int id, bool follow, CancellationToken ct) =>
        ActAsync(id, "follow", "Follow", async () =>
        {
            await mediator.Send(new FollowProposalCommand(id, follow), ct);
            return string.Empty;
        }, ct);

    public static string DraftKey(int id) => $"proposal-{id}-comment";

    private async Task<IActionResult> ActAsync(int id, string form, string prefix, Func<Task<string>> act, CancellationToken ct)
    {
        if (!user.IsSignedIn)
        {
            return Challenge();
        }

        try
        {
            var anchor = await act();
            var proposal = await mediator.Send(new GetProposalQuery(id), ct);
            return Redirect(ProposalLinks.For(proposal.Id, proposal.Slug) + anchor);
        }
        catch (Exception ex) when (ModelState.AddTo(ex, prefix))
        {
            FailedForm = form;
            await LoadAsync(id, ct);
            if (ex is DbUpdateConcurrencyException || form is not ("move" or "withdraw"))
            {
                // After a conflict the typed reason stays, and the version of what is now shown lets a second try apply knowingly.
                MovedMeanwhile = ex is DbUpdateConcurrencyException;
                Move.Version = Proposal.Version;
            }

            return Page();
        }
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Proposal = await mediator.Send(new GetProposalQuery(id), ct);
        Comments = await mediator.Send(new ListCommentsQuery(CommentSubject.Proposal(id), WithTexts: false), ct);
        // A statement saved for every other proposal: none of them can have a statement of work.
        Sows = Proposal.State.BecomesStatementOfWork() ? await mediator.Send(new ListProposalSowsQuery(id), ct) : [];
    }

    public sealed class CommentInput
    {
        public string? Body { get; set; }

        public int? ReplyTo { get; set; }
    }

    public sealed class MoveInput
    {
        public ProposalState To { get; set; }

        public string? Reason { get; set; }

        public uint? Version { get; set; }
    }

    public sealed class HideInput
    {
        public int CommentId { get; set; }

        public string? Reason { get; set; }
    }
}
