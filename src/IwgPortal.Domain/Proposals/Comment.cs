using IwgPortal.Domain.Common;
using IwgPortal.Domain.StatementsOfWork;

namespace IwgPortal.Domain.Proposals;

/// <summary>
/// A comment on a proposal or on a published statement of work, or a reply to one (one level
/// deep). Edits keep the earlier text; abusive comments are hidden with a public reason, never
/// deleted. A comment on an SOW belongs to the revision it was written on and stays visible on
/// later ones.
/// </summary>
public sealed class Comment : IAudited
{
    public const int MaxBodyLength = 10_000;
    public const int MaxHideReasonLength = 500;

    public static string AuditKind => "comment";

    private readonly List<CommentRevision> _revisions = [];

    private Comment()
    {
        Body = string.Empty;
    }

    private Comment(int? proposalId, int? sowId, int? sowRevision, int authorId, int? parentId, string body, DateTimeOffset now)
    {
        ProposalId = proposalId;
        SowId = sowId;
        SowRevision = sowRevision;
        AuthorId = authorId;
        ParentId = parentId;
        Body = Guard.Text(body, "Comment", MaxBodyLength);
        CreatedAt = now;
    }

    public int Id { get; private set; }

    /// <summary>The proposal it discusses, or null when it discusses a statement of work.</summary>
    [Public]
    public int? ProposalId { get; private set; }

    /// <summary>The statement of work it discusses, or null when it discusses a proposal.</summary>
    [Public]
    public int? SowId { get; private set; }

    /// <summary>The SOW revision that was the latest when it was written.</summary>
    [Public]
    public int? SowRevision { get; private set; }

    [Public]
    public int AuthorId { get; private set; }

    [Public]
    public int? ParentId { get; private set; }

    /// <summary>The text; not in the public audit, since a hidden comment's text is shown only to its author.</summary>
    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    [Public]
    public DateTimeOffset? EditedAt { get; private set; }

    [Public]
    public bool IsHidden { get; private set; }

    [Public]
    public string? HiddenReason { get; private set; }

    [Public]
    public int? HiddenById { get; private set; }

    [Public]
    public DateTimeOffset? HiddenAt { get; private set; }

    public IReadOnlyList<CommentRevision> Revisions => _revisions;

    public static Comment Write(Proposal proposal, int authorId, Comment? parent, string body, DateTimeOffset now)
    {
        if (!proposal.AcceptsComments)
        {
            throw new DomainException("This proposal was withdrawn; it takes no more comments.");
        }

        if (parent is not null)
        {
            if (parent.ProposalId != proposal.Id)
            {
                throw new DomainException("A reply must answer a comment on the same proposal.");
            }

            if (parent.ParentId is not null)
            {
                throw new DomainException("Replies go one level deep: answer the comment that started the thread.");
            }
        }

        return new Comment(proposal.Id, null, null, authorId, parent?.Id, body, now);
    }

    /// <summary>A comment on the latest published revision of a statement of work.</summary>
    public static Comment Write(StatementOfWork sow, int authorId, Comment? parent, string body, DateTimeOffset now)
    {
        var revision = sow.Latest ?? throw new DomainException("This statement of work is not published yet; the working group discusses drafts among itself.");
        if (sow.State is SowState.Closed or SowState.Cancelled)
        {
            throw new DomainException($"This statement of work is {sow.State.ToString().ToLowerInvariant()}; it takes no more comments.");
        }

        if (parent is not null)
        {
            if (parent.SowId != sow.Id)
            {
                throw new DomainException("A reply must answer a comment on the same statement of work.");
            }

            if (parent.ParentId is not null)
            {
                throw new DomainException("Replies go one level deep: answer the comment that started the thread.");
            }
        }

        return new Comment(null, sow.Id, revision.Number, authorId, parent?.Id, body, now);
    }

    public void Edit(int editorId, string body, DateTimeOffset now)
    {
        if (editorId != AuthorId)
        {
            throw new DomainException("Only its author can edit a comment.");
        }

        if (IsHidden)
        {
            throw new DomainException("A hidden comment cannot be edited; write a new one.");
        }

        var clean = Guard.Text(body, "Comment", MaxBodyLength);
        if (clean == Body)
        {
            return;
        }

        _revisions.Add(new CommentRevision(Body, EditedAt ?? CreatedAt));
        Body = clean;
        EditedAt = now;
    }

    public void Hide(int moderatorId, string reason, DateTimeOffset now)
    {
        if (IsHidden)
        {
            throw new DomainException("This comment is already hidden.");
        }

        HiddenReason = Guard.Text(reason, "Reason", MaxHideReasonLength);
        HiddenById = moderatorId;
        HiddenAt = now;
        IsHidden = true;
    }

    /// <summary>Who may read the text: everyone, unless hidden; then its author (and moderators via history).</summary>
    public bool IsVisibleTo(int? personId) => !IsHidden || personId == AuthorId;
}

/// <summary>An earlier text of an edited comment, kept so the edit history can be shown.</summary>
public sealed class CommentRevision
{
    private CommentRevision()
    {
        Body = string.Empty;
    }

    internal CommentRevision(string body, DateTimeOffset writtenAt)
    {
        Body = body;
        WrittenAt = writtenAt;
    }

    public int Id { get; private set; }

    public int CommentId { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }
}
