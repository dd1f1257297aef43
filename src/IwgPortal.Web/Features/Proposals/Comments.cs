using IwgPortal.Web.Data;
using IwgPortal.Web.Data.Configurations;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>
/// A comment as a reader sees it. Body and Html are null when the reader may not see a hidden
/// text, and Body is null too when only the HTML was asked for. Revision is the SOW revision it was
/// written on (null on proposals).
/// </summary>
public sealed record CommentItem(
    int Id, int? ParentId, int? Revision, string AuthorLogin, string AuthorName, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt,
    string? Body, string? Html, bool IsHidden, string? HiddenReason, bool IsMine, IReadOnlyList<CommentEdit> EarlierVersions, IReadOnlyList<CommentItem> Replies);

/// <summary>A text the comment had before an edit.</summary>
public sealed record CommentEdit(DateTimeOffset WrittenAt, string Html);

/// <summary>A thread; pages that show it ask without its Markdown texts (WithTexts false) and get the HTML only.</summary>
public sealed record ListCommentsQuery(CommentSubject Subject, bool WithTexts = true) : IQuery<IReadOnlyList<CommentItem>>;

/// <summary>Threads in order; hidden texts are shown to their authors only.</summary>
public sealed class ListCommentsHandler(PortalDbContext db, CurrentUser user, MarkdownRenderer markdown) : IQueryHandler<ListCommentsQuery, IReadOnlyList<CommentItem>>
{
    // Compiled: every thread read otherwise builds, funcletizes and hashes the LINQ expression again to find
    // its cached plan (about a sixth of the portal's CPU on a 9-comment thread). One join for the authors:
    // a sub-select per column per comment cost twice the rows on long threads. The two differ only in
    // the subject's column; a filter chosen by a parameter would cost the index. Without the texts each row
    // brings its text's hash instead (a fifth of a long thread page's allocations were its Markdown sources).
    private static readonly Func<PortalDbContext, int, bool, IAsyncEnumerable<CommentRow>> ProposalThread = EF.CompileAsyncQuery(
        (PortalDbContext db, int id, bool withTexts) => db.Comments.AsNoTracking()
            .Where(c => c.ProposalId == id)
            .Join(db.People, c => c.AuthorId, a => a.Id, (c, a) => new { c, a.Login, a.DisplayName })
            .OrderBy(x => x.c.Id)
            .Select(x => new CommentRow(
                x.c.Id, x.c.ParentId, x.c.SowRevision, x.c.AuthorId, x.c.CreatedAt, x.c.EditedAt,
                withTexts ? x.c.Body : null, withTexts ? null : EF.Property<byte[]>(x.c, CommentConfiguration.BodySha256), x.c.IsHidden, x.c.HiddenReason,
                x.Login, x.DisplayName)));

    private static readonly Func<PortalDbContext, int, bool, IAsyncEnumerable<CommentRow>> SowThread = EF.CompileAsyncQuery(
        (PortalDbContext db, int id, bool withTexts) => db.Comments.AsNoTracking()
            .Where(c => c.SowId == id)
            .Join(db.People, c => c.AuthorId, a => a.Id, (c, a) => new { c, a.Login, a.DisplayName })
            .OrderBy(x => x.c.Id)
            .Select(x => new CommentRow(
                x.c.Id, x.c.ParentId, x.c.SowRevision, x.c.AuthorId, x.c.CreatedAt, x.c.EditedAt,
                withTexts ? x.c.Body : null, withTexts ? null : EF.Property<byte[]>(x.c, CommentConfiguration.BodySha256), x.c.IsHidden, x.c.HiddenReason,
                x.Login, x.DisplayName)));

    public async ValueTask<IReadOnlyList<CommentItem>> Handle(ListCommentsQuery query, CancellationToken cancellationToken)
    {
        var subject = query.Subject;
        var me = user.PersonId;
        var rows = new List<CommentRow>();
        await foreach (var row in (subject.Kind == CommentSubjectKind.Proposal ? ProposalThread : SowThread)(db, subject.Id, query.WithTexts).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        // Only what can exist is asked for: earlier versions when a comment was edited, and whether
        // a proposal exists when it has no comment (a proposal's thread is usually one statement).
        // A statement of work is always checked: whether its thread may be read depends on its state.
        if ((subject.Kind != CommentSubjectKind.Proposal || rows.Count == 0) && !await ExistsAsync(subject, cancellationToken))
        {
            throw new Hosting.Errors.NotFoundException($"There is no {subject.Name}.");
        }

        var revisions = (rows.Any(r => r.EditedAt is not null)
                ? await db.Comments.AsNoTracking().Where(subject.Comments()).Where(c => c.EditedAt != null)
                    .SelectMany(c => c.Revisions.Select(r => new RevisionRow(c.Id, r.Id, r.WrittenAt, r.Body)))
                    .ToListAsync(cancellationToken)
                : [])
            .OrderBy(r => r.RevisionId)
            .ToLookup(r => r.CommentId);
        var replies = rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);
        if (!query.WithTexts)
        {
            await FindRenderedAsync(rows, me, cancellationToken);
        }

        CommentItem Item(CommentRow c, IReadOnlyList<CommentItem> children)
        {
            var visible = !c.IsHidden || c.AuthorId == me;
            // Most comments were never edited: no list and no iterator for them.
            IReadOnlyList<CommentEdit> earlier = visible && revisions.Contains(c.Id)
                ? [.. revisions[c.Id].Select(r => new CommentEdit(r.WrittenAt, markdown.ToHtml(r.Body)))]
                : [];
            return new CommentItem(c.Id, c.ParentId, c.Revision, c.AuthorLogin, c.AuthorName, c.CreatedAt, c.EditedAt,
                visible ? c.Body : null, visible ? c.Html ?? markdown.ToHtml(c.Body) : null, c.IsHidden, c.HiddenReason, c.AuthorId == me, earlier, children);
        }

        return [.. rows.Where(r => r.ParentId is null).Select(thread => Item(thread, replies.Contains(thread.Id) ? [.. replies[thread.Id].Select(reply => Item(reply, []))] : []))];
    }

    /// <summary>
    /// Each visible comment's HTML from the renderer's cache by its hash; the texts of those not found
    /// (not rendered since the portal started, or evicted) are read in one more statement.
    /// </summary>
    private async Task FindRenderedAsync(List<CommentRow> rows, int? me, CancellationToken cancellationToken)
    {
        List<int>? unrendered = null;
        foreach (var row in rows)
        {
            if ((!row.IsHidden || row.AuthorId == me) && !markdown.TryGetRendered(row.BodySha256, out row.Html))
            {
                (unrendered ??= []).Add(row.Id);
            }
        }

        if (unrendered is null)
        {
            return;
        }

        var texts = await db.Comments.AsNoTracking().Where(c => unrendered.Contains(c.Id)).Select(c => new { c.Id, c.Body }).ToDictionaryAsync(c => c.Id, c => c.Body, cancellationToken);
        foreach (var row in rows)
        {
            if (row.Html is null && texts.TryGetValue(row.Id, out var body))
            {
                row.Html = markdown.ToHtml(body);
            }
        }
    }

    private async Task<bool> ExistsAsync(CommentSubject subject, CancellationToken cancellationToken)
    {
        // A local, not user.Roles in the expression: EF would compile a delegate to evaluate it on every call.
        var workingGroup = user.Roles.IsWorkingGroup;
        return subject.Kind == CommentSubjectKind.Proposal
            ? await db.Proposals.AnyAsync(p => p.Id == subject.Id, cancellationToken)
            : await db.StatementsOfWork.AnyAsync(s => s.Id == subject.Id && (s.Revisions.Any() || workingGroup), cancellationToken);
    }

    private sealed record RevisionRow(int CommentId, int RevisionId, DateTimeOffset WrittenAt, string Body);

    /// <summary>Body is null when the texts were not asked for; Html is then found by BodySha256.</summary>
    private sealed record CommentRow(
        int Id, int? ParentId, int? Revision, int AuthorId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, string? Body, byte[]? BodySha256, bool IsHidden, string? HiddenReason,
        string AuthorLogin, string AuthorName)
    {
        public string? Html;
    }
}
