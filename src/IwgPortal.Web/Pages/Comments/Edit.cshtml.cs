using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using IwgPortal.Web.Pages.Proposals;
using IwgPortal.Web.Pages.StatementsOfWork;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Comments;

/// <summary>
/// The author edits their comment on a proposal or a statement of work; the earlier text stays
/// visible under "edited".
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditCommentModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    /// <summary>Where the discussion is, and what it is called in the crumbs.</summary>
    public (string Section, string SectionUrl, string Title, string Url) Subject { get; private set; }

    public async Task OnGetAsync(string subject, int id, int commentId, CancellationToken ct)
    {
        var comment = await LoadAsync(subject, id, commentId, ct);
        Input = new EditInput { Body = comment.Body };
    }

    public async Task<IActionResult> OnPostAsync(string subject, int id, int commentId, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new EditCommentCommand(SubjectOf(subject, id), commentId, Input.Body ?? string.Empty), ct);
            await DescribeAsync(subject, id, ct);
            return Redirect(Subject.Url + $"#comment-{commentId}");
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            await LoadAsync(subject, id, commentId, ct);
            return Page();
        }
    }

    private static CommentSubject SubjectOf(string subject, int id) => subject == "sows" ? CommentSubject.Sow(id) : CommentSubject.Proposal(id);

    private async Task DescribeAsync(string subject, int id, CancellationToken ct)
    {
        if (subject == "sows")
        {
            var sow = await mediator.Send(new GetSowQuery(id), ct);
            Subject = ("Statements of work", "/sows", $"SOW #{sow.Id} {sow.Title}", SowLinks.For(sow.Id));
        }
        else
        {
            var proposal = await mediator.Send(new GetProposalQuery(id), ct);
            Subject = ("Proposals", "/proposals", $"#{proposal.Id} {proposal.Title}", ProposalLinks.For(proposal.Id, proposal.Slug));
        }
    }

    private async Task<CommentItem> LoadAsync(string subject, int id, int commentId, CancellationToken ct)
    {
        await DescribeAsync(subject, id, ct);
        var comments = await mediator.Send(new ListCommentsQuery(SubjectOf(subject, id)), ct);
        return comments.SelectMany(c => c.Replies.Prepend(c)).FirstOrDefault(c => c.Id == commentId && c.IsMine)
            ?? throw new NotFoundException($"You have no comment {commentId} here.");
    }

    public sealed class EditInput
    {
        public string? Body { get; set; }
    }
}
