using IwgPortal.Web.Features.Proposals;

namespace IwgPortal.Web.Pages;

/// <summary>What the shared comment partials need from the page that shows a discussion (a proposal, a statement of work).</summary>
public interface ICommentsPage
{
    /// <summary>Which form the shown errors belong to: "comment", "reply-{id}", "hide-{id}".</summary>
    string? FailedForm { get; }

    bool SignedIn { get; }

    bool IsWorkingGroup { get; }

    bool AcceptsComments { get; }

    /// <summary>The text typed in the comment or reply form that failed, to show it again.</summary>
    string? FailedCommentBody { get; }

    /// <summary>The reason typed in the hide form that failed.</summary>
    string? FailedHideReason { get; }

    IEnumerable<string> ErrorsFor(string key);

    string EditUrl(CommentItem comment);

    /// <summary>A note such as "on revision 1" when the comment was written on an earlier text; null otherwise.</summary>
    (string Text, string Url)? RevisionNote(CommentItem comment);
}
