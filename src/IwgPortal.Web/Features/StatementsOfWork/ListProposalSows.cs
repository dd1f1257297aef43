using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>The statements of work built on one proposal, so the proposal page links to them.</summary>
public sealed record ListProposalSowsQuery(int ProposalId) : IQuery<IReadOnlyList<SowItem>>;

public sealed class ListProposalSowsHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<ListProposalSowsQuery, IReadOnlyList<SowItem>>
{
    public async ValueTask<IReadOnlyList<SowItem>> Handle(ListProposalSowsQuery query, CancellationToken cancellationToken)
    {
        var isWg = user.Roles.IsWorkingGroup;
        var sows = await db.StatementsOfWork.AsNoTracking().Where(s => s.ProposalIds.Contains(query.ProposalId)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return [.. sows.Where(s => isWg || s.Revisions.Count > 0)
            .Select(s => new SowItem(s.Id, s.Latest?.Content.Title ?? s.Draft.Title, s.State, s.Revisions.Count, (s.Latest?.Content ?? s.Draft).Route))];
    }
}
