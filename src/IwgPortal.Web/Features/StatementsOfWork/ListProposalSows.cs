using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>The statements of work built on one proposal, so the proposal page links to them.</summary>
public sealed record ListProposalSowsQuery(int ProposalId) : IQuery<IReadOnlyList<SowItem>>;

public sealed class ListProposalSowsHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<ListProposalSowsQuery, IReadOnlyList<SowItem>>
{
    public async ValueTask<IReadOnlyList<SowItem>> Handle(ListProposalSowsQuery query, CancellationToken cancellationToken) =>
        [.. (await SowItems.ReadAsync(db, user, query.ProposalId, sowId: null, cancellationToken)).Reverse()];
}
