using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Features.Audit;
using IwgPortal.Web.Features.Membership;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Caching;
using Mediator;

namespace IwgPortal.Web.Features.Home;

/// <summary>What the working group is doing, for a visitor with thirty seconds.</summary>
public sealed record GetHomeSummaryQuery : IQuery<HomeSummary>;

public sealed record HomeSummary(
    IReadOnlyList<ProposalItem> ProposalsInDiscussion, IReadOnlyList<PersonItem> WorkingGroup, IReadOnlyList<ServiceItem> Services, IReadOnlyList<AuditItem> RecentActivity);

/// <summary>The same for every reader, so it is kept until the next write (<see cref="PublicDataCache"/>) for signed-in people too.</summary>
public sealed class GetHomeSummaryHandler(ISender sender, PublicDataCache cache) : IQueryHandler<GetHomeSummaryQuery, HomeSummary>
{
    public ValueTask<HomeSummary> Handle(GetHomeSummaryQuery query, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(query, LoadAsync, cancellationToken);

    private async Task<HomeSummary> LoadAsync(CancellationToken cancellationToken)
    {
        var proposals = await sender.Send(new ListProposalsQuery(State: ProposalState.UnderDiscussion, Sort: ProposalSort.RecentlyActive, PageSize: 5, IncludeCounts: false), cancellationToken);
        var group = await sender.Send(new ListPeopleQuery(Role.WorkingGroupMember), cancellationToken);
        var services = await sender.Send(new ListServicesQuery(), cancellationToken);
        var activity = await sender.Send(new GetAuditTrailQuery(Limit: 8), cancellationToken);
        var members = group
            .OrderByDescending(p => p.Roles.Contains(Role.Chair)).ThenBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new HomeSummary(proposals.Items, members, services, activity);
    }
}
