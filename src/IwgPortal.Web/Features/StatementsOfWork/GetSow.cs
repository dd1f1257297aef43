using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork;

public sealed record GetSowQuery(int Id) : IQuery<SowDetails>;

public sealed class GetSowHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<GetSowQuery, SowDetails>
{
    public async ValueTask<SowDetails> Handle(GetSowQuery query, CancellationToken cancellationToken)
    {
        // Split: joined in one statement, revisions × transitions rows would each repeat the draft.
        // Only the latest revision's text is read (the draft only for the working group, who alone see it);
        // the others are listed by number.
        var isWg = user.Roles.IsWorkingGroup;
        var sow = await db.StatementsOfWork.AsNoTracking().AsSplitQuery()
            .Where(s => s.Id == query.Id)
            .Select(s => new
            {
                s.Id,
                s.State,
                Draft = isWg ? s.Draft : null,
                s.ProposalIds,
                Version = EF.Property<uint>(s, "xmin"),
                Published = s.Revisions.OrderByDescending(r => r.Number).Select(r => r.Content).FirstOrDefault(),
                Revisions = s.Revisions.OrderBy(r => r.Number)
                    .Join(db.People, r => r.PublishedById, p => p.Id, (r, p) => new SowRevisionItem(r.Number, r.Sha256, p.Login, r.PublishedAt)).ToList(),
                Transitions = s.Transitions.OrderBy(t => EF.Property<int>(t, "Id"))
                    .Join(db.People, t => t.ActorId, p => p.Id, (t, p) => new SowTransitionItem(t.From, t.To, p.Login, t.Reason, t.At)).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);

        // An SOW that was never published is the working group's draft: to others it does not exist yet.
        if (sow is null || (sow.Revisions.Count == 0 && !isWg))
        {
            throw new NotFoundException($"There is no statement of work {query.Id}.");
        }

        var proposalIds = sow.ProposalIds.ToList();
        var proposals = await db.Proposals.AsNoTracking().Where(p => proposalIds.Contains(p.Id))
            .Select(p => new SowProposalRef(p.Id, p.Title, p.ChangesWorkflow, p.ConsultationEndsAt)).ToListAsync(cancellationToken);
        return new SowDetails(
            sow.Id,
            sow.Published?.Title ?? sow.Draft!.Title,
            sow.State,
            proposals,
            sow.Revisions,
            sow.Published,
            sow.Draft,
            sow.Draft?.Missing(),
            sow.Draft is { } draft ? StatementOfWork.DiffersFromPublished(draft, sow.Revisions.LastOrDefault()?.Sha256) : null,
            sow.Transitions,
            sow.State.NextStates(),
            isWg ? sow.Version : null);
    }
}

public sealed record ListSowsQuery : IQuery<IReadOnlyList<SowItem>>;

public sealed class ListSowsHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<ListSowsQuery, IReadOnlyList<SowItem>>
{
    public async ValueTask<IReadOnlyList<SowItem>> Handle(ListSowsQuery query, CancellationToken cancellationToken) =>
        await SowItems.ReadAsync(db, user, proposalId: null, sowId: null, cancellationToken);
}

/// <summary>One SOW as a list row (title, state, number of revisions): for pages that show no more of it.</summary>
public sealed record GetSowItemQuery(int Id) : IQuery<SowItem>;

public sealed class GetSowItemHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<GetSowItemQuery, SowItem>
{
    public async ValueTask<SowItem> Handle(GetSowItemQuery query, CancellationToken cancellationToken) =>
        (await SowItems.ReadAsync(db, user, proposalId: null, sowId: query.Id, cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException($"There is no statement of work {query.Id}.");
}

/// <summary>
/// SOWs as list rows: the title and route come out of the latest text (or the draft) inside the
/// database, so a list never reads the texts themselves (each several KB, one per revision).
/// Never-published drafts only for the working group; newest first; optionally only those built on
/// one proposal, or one SOW.
/// </summary>
internal static class SowItems
{
    public static async Task<IReadOnlyList<SowItem>> ReadAsync(PortalDbContext db, CurrentUser user, int? proposalId, int? sowId, CancellationToken cancellationToken)
    {
        var withDrafts = user.Roles.IsWorkingGroup;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT s.id, s.state, r.count AS revision_count,
                   coalesce(l.content, s.draft) ->> 'title' AS title, coalesce(l.content, s.draft) ->> 'route' AS route
            FROM statements_of_work AS s
            CROSS JOIN LATERAL (SELECT count(*)::int AS count, max(number) AS latest FROM sow_revisions WHERE sow_id = s.id) AS r
            LEFT JOIN sow_revisions AS l ON l.sow_id = s.id AND l.number = r.latest
            WHERE ({withDrafts} OR r.count > 0) AND ({proposalId}::int IS NULL OR {proposalId}::int = ANY (s.proposal_ids))
              AND ({sowId}::int IS NULL OR s.id = {sowId}::int)
            ORDER BY s.id DESC
            """).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SowItem(r.Id, r.Title, Enum.Parse<SowState>(r.State), r.RevisionCount,
            Enum.TryParse<DeliveryRoute>(r.Route, out var route) ? route : null))];
    }

    private sealed class Row
    {
        public int Id { get; init; }

        public string State { get; init; } = string.Empty;

        public int RevisionCount { get; init; }

        public string Title { get; init; } = string.Empty;

        public string? Route { get; init; }
    }
}

public sealed record GetSowRevisionQuery(int SowId, int Number) : IQuery<SowRevisionDetails>;

/// <summary>Any published revision, at its own address, for anyone.</summary>
public sealed class GetSowRevisionHandler(PortalDbContext db) : IQueryHandler<GetSowRevisionQuery, SowRevisionDetails>
{
    public async ValueTask<SowRevisionDetails> Handle(GetSowRevisionQuery query, CancellationToken cancellationToken) =>
        await db.StatementsOfWork.AsNoTracking()
            .Where(s => s.Id == query.SowId)
            .SelectMany(s => s.Revisions.Where(r => r.Number == query.Number))
            .Join(db.People, r => r.PublishedById, p => p.Id, (r, p) => new SowRevisionDetails(query.SowId, r.Number, r.Sha256, p.Login, r.PublishedAt, r.Content))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"Statement of work {query.SowId} has no revision {query.Number}.");
}

public sealed record CompareSowRevisionsQuery(int SowId, int From, int To) : IQuery<SowComparison>;

public sealed class CompareSowRevisionsHandler(PortalDbContext db) : IQueryHandler<CompareSowRevisionsQuery, SowComparison>
{
    public async ValueTask<SowComparison> Handle(CompareSowRevisionsQuery query, CancellationToken cancellationToken)
    {
        // The two texts in one statement, and nothing else of the SOW.
        var texts = await db.StatementsOfWork.AsNoTracking()
            .Where(s => s.Id == query.SowId)
            .SelectMany(s => s.Revisions.Where(r => r.Number == query.From || r.Number == query.To))
            .Select(r => new { r.Number, r.Content })
            .ToDictionaryAsync(r => r.Number, r => r.Content, cancellationToken);
        var missing = new[] { query.From, query.To }.FirstOrDefault(n => !texts.ContainsKey(n), -1);
        return missing >= 0
            ? throw new NotFoundException($"Statement of work {query.SowId} has no revision {missing}.")
            : SowDiff.Compare(texts[query.From], texts[query.To]);
    }
}
