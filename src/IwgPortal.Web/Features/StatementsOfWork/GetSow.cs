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
        var row = await db.StatementsOfWork.AsNoTracking()
            .Where(s => s.Id == query.Id)
            .Select(s => new { Sow = s, Version = EF.Property<uint>(s, "xmin") })
            .SingleOrDefaultAsync(cancellationToken);
        var isWg = user.Roles.IsWorkingGroup;

        // An SOW that was never published is the working group's draft: to others it does not exist yet.
        if (row is null || (row.Sow.Revisions.Count == 0 && !isWg))
        {
            throw new NotFoundException($"There is no statement of work {query.Id}.");
        }

        var sow = row.Sow;
        var proposalIds = sow.ProposalIds.ToList();
        var proposals = await db.Proposals.AsNoTracking().Where(p => proposalIds.Contains(p.Id))
            .Select(p => new SowProposalRef(p.Id, p.Title, p.ChangesWorkflow, p.ConsultationEndsAt)).ToListAsync(cancellationToken);
        var people = sow.Revisions.Select(r => r.PublishedById).Concat(sow.Transitions.Select(t => t.ActorId)).Distinct().ToList();
        var logins = await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Login, cancellationToken);
        return new SowDetails(
            sow.Id,
            sow.Latest?.Content.Title ?? sow.Draft.Title,
            sow.State,
            proposals,
            [.. sow.Revisions.Select(r => new SowRevisionItem(r.Number, r.Sha256, logins.GetValueOrDefault(r.PublishedById, "?"), r.PublishedAt))],
            sow.Latest?.Content,
            isWg ? sow.Draft : null,
            isWg ? sow.Draft.Missing() : null,
            isWg ? sow.HasUnpublishedChanges : null,
            [.. sow.Transitions.Select(t => new SowTransitionItem(t.From, t.To, logins.GetValueOrDefault(t.ActorId, "?"), t.Reason, t.At))],
            sow.State.NextStates(),
            isWg ? row.Version : null);
    }
}

public sealed record ListSowsQuery : IQuery<IReadOnlyList<SowItem>>;

public sealed class ListSowsHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<ListSowsQuery, IReadOnlyList<SowItem>>
{
    public async ValueTask<IReadOnlyList<SowItem>> Handle(ListSowsQuery query, CancellationToken cancellationToken)
    {
        var isWg = user.Roles.IsWorkingGroup;
        var sows = await db.StatementsOfWork.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        return [.. sows.Where(s => isWg || s.Revisions.Count > 0)
            .Select(s => new SowItem(s.Id, s.Latest?.Content.Title ?? s.Draft.Title, s.State, s.Revisions.Count, (s.Latest?.Content ?? s.Draft).Route))];
    }
}

public sealed record GetSowRevisionQuery(int SowId, int Number) : IQuery<SowRevisionDetails>;

/// <summary>Any published revision, at its own address, for anyone.</summary>
public sealed class GetSowRevisionHandler(PortalDbContext db) : IQueryHandler<GetSowRevisionQuery, SowRevisionDetails>
{
    public async ValueTask<SowRevisionDetails> Handle(GetSowRevisionQuery query, CancellationToken cancellationToken)
    {
        var sow = await db.StatementsOfWork.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SowId, cancellationToken);
        var revision = sow?.Revisions.SingleOrDefault(r => r.Number == query.Number)
            ?? throw new NotFoundException($"Statement of work {query.SowId} has no revision {query.Number}.");
        var by = await db.People.AsNoTracking().Where(p => p.Id == revision.PublishedById).Select(p => p.Login).SingleAsync(cancellationToken);
        return new SowRevisionDetails(query.SowId, revision.Number, revision.Sha256, by, revision.PublishedAt, revision.Content);
    }
}

public sealed record CompareSowRevisionsQuery(int SowId, int From, int To) : IQuery<SowComparison>;

public sealed class CompareSowRevisionsHandler(ISender sender) : IQueryHandler<CompareSowRevisionsQuery, SowComparison>
{
    public async ValueTask<SowComparison> Handle(CompareSowRevisionsQuery query, CancellationToken cancellationToken)
    {
        var from = await sender.Send(new GetSowRevisionQuery(query.SowId, query.From), cancellationToken);
        var to = await sender.Send(new GetSowRevisionQuery(query.SowId, query.To), cancellationToken);
        return SowDiff.Compare(from.Content, to.Content);
    }
}
