using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Data;
using IwgPortal.Web.Data.Configurations;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IwgPortal.Web.Features.StatementsOfWork;

public sealed record GetSowQuery(int Id) : IQuery<SowDetails>;

public sealed class GetSowHandler(PortalDbContext db, CurrentUser user, RevisionTexts texts) : IQueryHandler<GetSowQuery, SowDetails>
{
    public async ValueTask<SowDetails> Handle(GetSowQuery query, CancellationToken cancellationToken)
    {
        // Four statements, one round trip: the SOW, then its revisions (the latest with its text), its moves
        // and its proposals, each as plain rows. As one row of parallel arrays it was one statement, but
        // decoding eleven arrays cost more than the three extra result sets. The draft is read only for
        // the working group, who alone see it. Each statement sees what was committed when it began; a
        // change that lands in between shows in full on the next read. The latest text comes only when it is
        // not the one held (RevisionTexts).
        var isWg = user.Roles.IsWorkingGroup;
        var held = texts.Latest(query.Id);
        var sow = await db.BatchAsync(ReadAsync, cancellationToken,
            RawReads.Statement("SELECT state, xmin::text::bigint, CASE WHEN $2 THEN draft::text END FROM statements_of_work WHERE id = $1", RawReads.Arg(query.Id), RawReads.Arg(isWg)),
            RawReads.Statement("""
                SELECT r.number, r.sha256, p.login, r.published_at, r.xmin::text::bigint,
                       CASE WHEN r.number = max(r.number) OVER () AND (r.number, r.xmin::text::bigint) IS DISTINCT FROM ($2, $3) THEN r.content::text END
                FROM sow_revisions AS r JOIN people AS p ON p.id = r.published_by_id WHERE r.sow_id = $1 ORDER BY r.number
                """, RawReads.Arg(query.Id), RawReads.Arg(held?.Number), RawReads.Arg(held?.RowVersion)),
            RawReads.Statement("""
                SELECT t."from", t."to", p.login, t.reason, t.at
                FROM sow_transitions AS t JOIN people AS p ON p.id = t.actor_id WHERE t.sow_id = $1 ORDER BY t.id
                """, RawReads.Arg(query.Id)),
            RawReads.Statement("""
                SELECT p.id, p.title, p.changes_workflow, p.consultation_ends_at
                FROM statements_of_work AS s CROSS JOIN LATERAL unnest(s.proposal_ids) WITH ORDINALITY AS o(id, n) JOIN proposals AS p ON p.id = o.id
                WHERE s.id = $1 ORDER BY o.n
                """, RawReads.Arg(query.Id)));

        // An SOW that was never published is the working group's draft: to others it does not exist yet.
        if (sow is null || (sow.Revisions.Count == 0 && !isWg))
        {
            throw new NotFoundException($"There is no statement of work {query.Id}.");
        }

        var latest = sow.Revisions.Count == 0 ? null : sow.Revisions[^1];
        var published = latest is null ? null : texts.Resolve(query.Id, latest.Number, sow.LatestRowVersion, sow.Published, held, isLatest: true);
        var draft = sow.Draft is null ? null : StatementOfWorkConfiguration.ReadContent(sow.Draft);
        return new SowDetails(
            query.Id,
            published?.Title ?? draft!.Title,
            sow.State,
            sow.Proposals,
            sow.Revisions,
            published,
            draft,
            draft?.Missing(),
            draft is not null ? StatementOfWork.DiffersFromPublished(draft, sow.Revisions.LastOrDefault()?.Sha256) : null,
            sow.Transitions,
            sow.State.NextStates(),
            isWg ? (uint)sow.Version : null);
    }

    private sealed record Rows(
        SowState State, long Version, string? Draft, long LatestRowVersion, string? Published,
        List<SowRevisionItem> Revisions, List<SowTransitionItem> Transitions, List<SowProposalRef> Proposals);

    private static async Task<Rows?> ReadAsync(NpgsqlDataReader r, CancellationToken cancellationToken)
    {
        if (!await r.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (state, version, draft) = (Enum.Parse<SowState>(r.GetString(0)), r.GetInt64(1), r.Nullable<string>(2));
        await r.NextResultAsync(cancellationToken);
        var revisions = new List<SowRevisionItem>();
        string? published = null;
        var latestRowVersion = 0L;
        while (await r.ReadAsync(cancellationToken))
        {
            revisions.Add(new SowRevisionItem(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3)));
            latestRowVersion = r.GetInt64(4);
            published = r.Nullable<string>(5) ?? published;
        }

        await r.NextResultAsync(cancellationToken);
        var transitions = new List<SowTransitionItem>();
        while (await r.ReadAsync(cancellationToken))
        {
            transitions.Add(new SowTransitionItem(
                Enum.Parse<SowState>(r.GetString(0)), Enum.Parse<SowState>(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)));
        }

        await r.NextResultAsync(cancellationToken);
        var proposals = new List<SowProposalRef>();
        while (await r.ReadAsync(cancellationToken))
        {
            proposals.Add(new SowProposalRef(r.GetInt32(0), r.GetString(1), r.GetBoolean(2), r.NullableValue<DateTimeOffset>(3)));
        }

        return new Rows(state, version, draft, latestRowVersion, published, revisions, transitions, proposals);
    }
}

public sealed record ListSowsQuery : IQuery<IReadOnlyList<SowItem>>;

public sealed class ListSowsHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<ListSowsQuery, IReadOnlyList<SowItem>>
{
    public async ValueTask<IReadOnlyList<SowItem>> Handle(ListSowsQuery query, CancellationToken cancellationToken) =>
        await SowItems.ReadAsync(db, user, proposalId: null, sowId: null, cancellationToken);
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
        return [.. rows.Select(r => Item(r.Id, r.State, r.RevisionCount, r.Title, r.Route))];
    }

    /// <summary>A list row from the columns as the statements above read them (state and route as stored text).</summary>
    public static SowItem Item(int id, string state, int revisionCount, string title, string? route) =>
        new(id, title, Enum.Parse<SowState>(state), revisionCount, Enum.TryParse<DeliveryRoute>(route, out var parsed) ? parsed : null);

    private sealed class Row
    {
        public int Id { get; init; }

        public string State { get; init; } = string.Empty;

        public int RevisionCount { get; init; }

        public string Title { get; init; } = string.Empty;

        public string? Route { get; init; }
    }
}

/// <summary>
/// The comparison page's SOW and, in the same statement, the two texts asked for (by default the
/// latest publication against the one before): the page needs the number of revisions to check
/// the request, and reading both at once saves a round trip.
/// </summary>
public sealed record GetSowComparisonQuery(int Id, int? From, int? To) : IQuery<SowComparisonView>;

/// <summary>From and To are the revisions compared (the defaults filled in); Comparison is null when either does not exist or they are the same.</summary>
public sealed record SowComparisonView(SowItem Sow, int From, int To, SowComparison? Comparison);

public sealed class GetSowComparisonHandler(PortalDbContext db, CurrentUser user, RevisionTexts texts) : IQueryHandler<GetSowComparisonQuery, SowComparisonView>
{
    public async ValueTask<SowComparisonView> Handle(GetSowComparisonQuery query, CancellationToken cancellationToken)
    {
        var withDrafts = user.Roles.IsWorkingGroup;

        // The texts held for the revisions asked for, or by default for the latest and the one before: the
        // database sends a text only when the revision it compares is not the one held (RevisionTexts).
        var heldTo = query.To is { } to ? texts.Of(query.Id, to) : texts.Latest(query.Id);
        var heldFrom = query.From is { } from ? texts.Of(query.Id, from) : heldTo is null ? null : texts.Of(query.Id, heldTo.Number - 1);
        var row = await db.SingleRowAsync("""
            SELECT s.id, s.state, r.count AS revision_count, coalesce(l.content, s.draft) ->> 'title' AS title, coalesce(l.content, s.draft) ->> 'route' AS route,
                   n.from_number, n.to_number,
                   f.xmin::text::bigint, CASE WHEN (f.number, f.xmin::text::bigint) IS DISTINCT FROM ($5, $6) THEN f.content::text END,
                   t.xmin::text::bigint, CASE WHEN (t.number, t.xmin::text::bigint) IS DISTINCT FROM ($7, $8) THEN t.content::text END
            FROM statements_of_work AS s
            CROSS JOIN LATERAL (SELECT count(*)::int AS count, max(number) AS latest FROM sow_revisions WHERE sow_id = s.id) AS r
            CROSS JOIN LATERAL (SELECT coalesce($2, r.latest - 1) AS from_number, coalesce($3, r.latest) AS to_number) AS n
            LEFT JOIN sow_revisions AS l ON l.sow_id = s.id AND l.number = r.latest
            LEFT JOIN sow_revisions AS f ON f.sow_id = s.id AND f.number = n.from_number AND n.from_number <> n.to_number
            LEFT JOIN sow_revisions AS t ON t.sow_id = s.id AND t.number = n.to_number AND n.from_number <> n.to_number
            WHERE s.id = $1 AND ($4 OR r.count > 0)
            """, Row.Read, cancellationToken, RawReads.Arg(query.Id), RawReads.Arg(query.From), RawReads.Arg(query.To), RawReads.Arg(withDrafts),
            RawReads.Arg(heldFrom?.Number), RawReads.Arg(heldFrom?.RowVersion), RawReads.Arg(heldTo?.Number), RawReads.Arg(heldTo?.RowVersion))
            ?? throw new NotFoundException($"There is no statement of work {query.Id}.");
        var sow = SowItems.Item(row.Id, row.State, row.RevisionCount, row.Title, row.Route);
        var comparison = row is { FromNumber: { } fromNumber, FromVersion: { } fromVersion, ToNumber: { } toNumber, ToVersion: { } toVersion }
            ? SowDiff.Compare(
                texts.Resolve(query.Id, fromNumber, fromVersion, row.FromText, heldFrom, isLatest: false),
                texts.Resolve(query.Id, toNumber, toVersion, row.ToText, heldTo, isLatest: toNumber == row.RevisionCount))
            : null;
        return new SowComparisonView(sow, row.FromNumber ?? 0, row.ToNumber ?? 0, comparison);
    }

    private sealed record Row(
        int Id, string State, int RevisionCount, string Title, string? Route, int? FromNumber, int? ToNumber,
        long? FromVersion, string? FromText, long? ToVersion, string? ToText)
    {
        public static Row Read(NpgsqlDataReader r) => new(
            r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.Nullable<string>(4),
            r.NullableValue<int>(5), r.NullableValue<int>(6), r.NullableValue<long>(7), r.Nullable<string>(8), r.NullableValue<long>(9), r.Nullable<string>(10));
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

public sealed class CompareSowRevisionsHandler(PortalDbContext db, RevisionTexts texts) : IQueryHandler<CompareSowRevisionsQuery, SowComparison>
{
    public async ValueTask<SowComparison> Handle(CompareSowRevisionsQuery query, CancellationToken cancellationToken)
    {
        // The two texts in one statement, and nothing else of the SOW; each only when it is not the one held (RevisionTexts).
        var (heldFrom, heldTo) = (texts.Of(query.SowId, query.From), texts.Of(query.SowId, query.To));
        var row = await db.SingleRowAsync("""
            SELECT f.xmin::text::bigint, CASE WHEN f.xmin::text::bigint IS DISTINCT FROM $4 THEN f.content::text END,
                   t.xmin::text::bigint, CASE WHEN t.xmin::text::bigint IS DISTINCT FROM $5 THEN t.content::text END
            FROM (SELECT) AS one
            LEFT JOIN sow_revisions AS f ON f.sow_id = $1 AND f.number = $2
            LEFT JOIN sow_revisions AS t ON t.sow_id = $1 AND t.number = $3
            """, r => (From: r.NullableValue<long>(0), FromText: r.Nullable<string>(1), To: r.NullableValue<long>(2), ToText: r.Nullable<string>(3)), cancellationToken,
            RawReads.Arg(query.SowId), RawReads.Arg(query.From), RawReads.Arg(query.To), RawReads.Arg(heldFrom?.RowVersion), RawReads.Arg(heldTo?.RowVersion));
        return row is { From: { } from, To: { } to }
            ? SowDiff.Compare(
                texts.Resolve(query.SowId, query.From, from, row.FromText, heldFrom, isLatest: false),
                texts.Resolve(query.SowId, query.To, to, row.ToText, heldTo, isLatest: false))
            : throw new NotFoundException($"Statement of work {query.SowId} has no revision {(row.From is null ? query.From : query.To)}.");
    }
}
