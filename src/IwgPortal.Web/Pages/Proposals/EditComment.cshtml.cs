using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Proposals;

/// <summary>The author edits their comment; the earlier text stays visible under "edited".</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditCommentModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public ProposalDetails Proposal { get; private set; } = null!;

    public string Back => ProposalLinks.For(Proposal.Id, Proposal.Slug);

    public async Task OnGetAsync(int id, int commentId, CancellationToken ct)
    {
        var comment = await LoadAsync(id, commentId, ct);
        Input = new EditInput { Body = comment.Body };
    }

    public async Task<IActionResult> OnPostAsync(int id, int commentId, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new EditCommentCommand(CommentSubject.Proposal(id), commentId, Input.Body ?? string.Empty), ct);
            var proposal = await mediator.Send(new GetProposalQuery(id), ct);
            return Redirect(ProposalLinks.For(proposal.Id, proposal.Slug) + $"#comment-{commentId}");
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            await LoadAsync(id, commentId, ct);
            return Page();
        }
    }

    private async Task<CommentItem> LoadAsync(int id, int commentId, CancellationToken ct)
    {
        Proposal = await mediator.Send(new GetProposalQuery(id), ct);
        var comments = await mediator.Send(new ListCommentsQuery(CommentSubject.Proposal(id)), ct);
        return comments.SelectMany(c => c.Replies.Prepend(c)).FirstOrDefault(c => c.Id == commentId && c.IsMine)
            ?? throw new NotFoundException($"You have no comment {commentId} on this proposal.");
    }

    public sealed class EditInput
    {
        public string? Body { get; set; }
    }
}
