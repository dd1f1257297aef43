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

public sealed class GetSowHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<GetSowQuery, SowDetails>
{
    public async ValueTask<SowDetails> Handle(GetSowQuery query, CancellationToken cancellationToken)
    {
        // One statement, one round trip: each list comes back as parallel arrays, so revisions and moves
        // are not joined into a product of rows. Only the latest revision's text is read (the draft only
        // for the working group, who alone see it).
        var isWg = user.Roles.IsWorkingGroup;
        var sow = await db.SingleRowAsync("""
            SELECT s.state, s.xmin::text::bigint AS version, CASE WHEN $1 THEN s.draft::text END AS draft,
                   (SELECT r.content::text FROM sow_revisions AS r WHERE r.sow_id = s.id ORDER BY r.number DESC LIMIT 1) AS published,
                   rv.numbers AS revision_numbers, rv.shas AS revision_shas, rv.logins AS revision_logins, rv.times AS revision_times,
                   tr.froms AS transition_froms, tr.tos AS transition_tos, tr.logins AS transition_logins, tr.reasons AS transition_reasons, tr.times AS transition_times,
                   pr.ids AS proposal_ids, pr.titles AS proposal_titles, pr.workflows AS proposal_workflows, pr.ends AS proposal_ends
            FROM statements_of_work AS s
            CROSS JOIN LATERAL (
                SELECT array_agg(r.number ORDER BY r.number) AS numbers, array_agg(r.sha256 ORDER BY r.number) AS shas,
                       array_agg(p.login ORDER BY r.number) AS logins, array_agg(r.published_at ORDER BY r.number) AS times
                FROM sow_revisions AS r JOIN people AS p ON p.id = r.published_by_id WHERE r.sow_id = s.id) AS rv
            CROSS JOIN LATERAL (
                SELECT array_agg(t."from" ORDER BY t.id) AS froms, array_agg(t."to" ORDER BY t.id) AS tos, array_agg(p.login ORDER BY t.id) AS logins,
                       array_agg(t.reason ORDER BY t.id) AS reasons, array_agg(t.at ORDER BY t.id) AS times
                FROM sow_transitions AS t JOIN people AS p ON p.id = t.actor_id WHERE t.sow_id = s.id) AS tr
            CROSS JOIN LATERAL (
                SELECT array_agg(p.id ORDER BY o.n) AS ids, array_agg(p.title ORDER BY o.n) AS titles,
                       array_agg(p.changes_workflow ORDER BY o.n) AS workflows, array_agg(p.consultation_ends_at ORDER BY o.n) AS ends
                FROM unnest(s.proposal_ids) WITH ORDINALITY AS o(id, n) JOIN proposals AS p ON p.id = o.id) AS pr
            WHERE s.id = $2
            """, Row.Read, cancellationToken, RawReads.Arg(isWg), RawReads.Arg(query.Id));

        // An SOW that was never published is the working group's draft: to others it does not exist yet.
        if (sow is null || (sow.RevisionNumbers is null && !isWg))
        {
            throw new NotFoundException($"There is no statement of work {query.Id}.");
        }

        var state = Enum.Parse<SowState>(sow.State);
        var published = sow.Published is null ? null : StatementOfWorkConfiguration.ReadContent(sow.Published);
        var draft = sow.Draft is null ? null : StatementOfWorkConfiguration.ReadContent(sow.Draft);
        var revisions = sow.Revisions();
        return new SowDetails(
            query.Id,
            published?.Title ?? draft!.Title,
            state,
            sow.Proposals(),
            revisions,
            published,
            draft,
            draft?.Missing(),
            draft is not null ? StatementOfWork.DiffersFromPublished(draft, revisions.LastOrDefault()?.Sha256) : null,
            sow.Transitions(),
            state.NextStates(),
            isWg ? (uint)sow.Version : null);
    }

    /// <summary>The SOW's row; an aggregate over no rows is null, so an empty list comes back as null arrays.</summary>
    private sealed record Row(
        string State, long Version, string? Draft, string? Published,
        int[]? RevisionNumbers, string[]? RevisionShas, string[]? RevisionLogins, DateTimeOffset[]? RevisionTimes,
        string[]? TransitionFroms, string[]? TransitionTos, string[]? TransitionLogins, string[]? TransitionReasons, DateTimeOffset[]? TransitionTimes,
        int[]? ProposalIds, string[]? ProposalTitles, bool[]? ProposalWorkflows, DateTimeOffset?[]? ProposalEnds)
    {
        public static Row Read(NpgsqlDataReader r) => new(
            r.GetString(0), r.GetInt64(1), r.Nullable<string>(2), r.Nullable<string>(3),
            r.Nullable<int[]>(4), r.Nullable<string[]>(5), r.Nullable<string[]>(6), r.Nullable<DateTimeOffset[]>(7),
            r.Nullable<string[]>(8), r.Nullable<string[]>(9), r.Nullable<string[]>(10), r.Nullable<string[]>(11), r.Nullable<DateTimeOffset[]>(12),
            r.Nullable<int[]>(13), r.Nullable<string[]>(14), r.Nullable<bool[]>(15), r.Nullable<DateTimeOffset?[]>(16));

        public List<SowRevisionItem> Revisions() =>
            [.. (RevisionNumbers ?? []).Select((number, i) => new SowRevisionItem(number, RevisionShas![i], RevisionLogins![i], RevisionTimes![i]))];

        public List<SowTransitionItem> Transitions() =>
            [.. (TransitionFroms ?? []).Select((from, i) => new SowTransitionItem(
                Enum.Parse<SowState>(from), Enum.Parse<SowState>(TransitionTos![i]), TransitionLogins![i], TransitionReasons![i], TransitionTimes![i]))];

        public List<SowProposalRef> Proposals() =>
            [.. (ProposalIds ?? []).Select((id, i) => new SowProposalRef(id, ProposalTitles![i], ProposalWorkflows![i], ProposalEnds![i]))];
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

public sealed class GetSowComparisonHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<GetSowComparisonQuery, SowComparisonView>
{
    public async ValueTask<SowComparisonView> Handle(GetSowComparisonQuery query, CancellationToken cancellationToken)
    {
        var withDrafts = user.Roles.IsWorkingGroup;
        var row = await db.SingleRowAsync("""
            SELECT s.id, s.state, r.count AS revision_count, coalesce(l.content, s.draft) ->> 'title' AS title, coalesce(l.content, s.draft) ->> 'route' AS route,
                   n.from_number, n.to_number, f.content::text AS from_text, t.content::text AS to_text
            FROM statements_of_work AS s
            CROSS JOIN LATERAL (SELECT count(*)::int AS count, max(number) AS latest FROM sow_revisions WHERE sow_id = s.id) AS r
            CROSS JOIN LATERAL (SELECT coalesce($2, r.latest - 1) AS from_number, coalesce($3, r.latest) AS to_number) AS n
            LEFT JOIN sow_revisions AS l ON l.sow_id = s.id AND l.number = r.latest
            LEFT JOIN sow_revisions AS f ON f.sow_id = s.id AND f.number = n.from_number AND n.from_number <> n.to_number
            LEFT JOIN sow_revisions AS t ON t.sow_id = s.id AND t.number = n.to_number AND n.from_number <> n.to_number
            WHERE s.id = $1 AND ($4 OR r.count > 0)
            """, Row.Read, cancellationToken, RawReads.Arg(query.Id), RawReads.Arg(query.From), RawReads.Arg(query.To), RawReads.Arg(withDrafts))
            ?? throw new NotFoundException($"There is no statement of work {query.Id}.");
        var sow = SowItems.Item(row.Id, row.State, row.RevisionCount, row.Title, row.Route);
        var comparison = row.FromText is { } from && row.ToText is { } to
            ? SowDiff.Compare(StatementOfWorkConfiguration.ReadContent(from), StatementOfWorkConfiguration.ReadContent(to))
            : null;
        return new SowComparisonView(sow, row.FromNumber ?? 0, row.ToNumber ?? 0, comparison);
    }

    private sealed record Row(int Id, string State, int RevisionCount, string Title, string? Route, int? FromNumber, int? ToNumber, string? FromText, string? ToText)
    {
        public static Row Read(NpgsqlDataReader r) => new(
            r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.Nullable<string>(4),
            r.NullableValue<int>(5), r.NullableValue<int>(6), r.Nullable<string>(7), r.Nullable<string>(8));
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
        var (fromText, toText) = await db.SingleRowAsync("""
            SELECT (SELECT content::text FROM sow_revisions WHERE sow_id = $1 AND number = $2),
                   (SELECT content::text FROM sow_revisions WHERE sow_id = $1 AND number = $3)
            """, r => (r.Nullable<string>(0), r.Nullable<string>(1)), cancellationToken,
            RawReads.Arg(query.SowId), RawReads.Arg(query.From), RawReads.Arg(query.To));
        var missing = fromText is null ? query.From : toText is null ? query.To : -1;
        return missing >= 0
            ? throw new NotFoundException($"Statement of work {query.SowId} has no revision {missing}.")
            : SowDiff.Compare(StatementOfWorkConfiguration.ReadContent(fromText!), StatementOfWorkConfiguration.ReadContent(toText!));
    }
}
