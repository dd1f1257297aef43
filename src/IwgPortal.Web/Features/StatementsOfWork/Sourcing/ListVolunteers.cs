using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record ListVolunteersQuery(int SowId) : IQuery<IReadOnlyList<VolunteerItem>>;

public sealed record VolunteerItem(int Id, string Volunteer, string Note, DateTimeOffset OfferedAt, bool Assigned, string? AssignedBy, DateTimeOffset? AssignedAt);

/// <summary>Who offered to volunteer and who is assigned: public.</summary>
public sealed class ListVolunteersHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<ListVolunteersQuery, IReadOnlyList<VolunteerItem>>
{
    public async ValueTask<IReadOnlyList<VolunteerItem>> Handle(ListVolunteersQuery query, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var offers = await db.VolunteerOffers.AsNoTracking().Where(v => v.SowId == query.SowId).OrderBy(v => v.Id).ToListAsync(cancellationToken);
        var logins = await SourcingLoader.LoginsAsync(db, offers.Select(o => (int?)o.PersonId).Concat(offers.Select(o => o.AssignedById)), cancellationToken);
        return [.. offers.Select(o => new VolunteerItem(o.Id, logins[o.PersonId], o.Note, o.OfferedAt, o.IsAssigned,
            o.AssignedById is { } by ? logins[by] : null, o.AssignedAt))];
    }
}
