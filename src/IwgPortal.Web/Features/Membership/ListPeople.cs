using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Membership;

/// <summary>Everyone who signed in, with their current roles; optionally only holders of one role.</summary>
public sealed record ListPeopleQuery(Role? Role = null) : IQuery<IReadOnlyList<PersonItem>>;

public sealed record PersonItem(int Id, string Login, string DisplayName, string? AvatarUrl, IReadOnlyList<Role> Roles);

public sealed class ListPeopleHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListPeopleQuery, IReadOnlyList<PersonItem>>
{
    public async ValueTask<IReadOnlyList<PersonItem>> Handle(ListPeopleQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var people = db.People.AsNoTracking();
        if (query.Role is { } role)
        {
            // The chair is a working-group member whether or not that role was granted separately (RoleSet).
            var held = role == Role.WorkingGroupMember ? new[] { Role.WorkingGroupMember, Role.Chair } : [role];
            people = people.Where(p => p.RoleGrants.Any(g => held.Contains(g.Role) && g.From <= now && (g.To == null || now < g.To)));
        }

        var rows = await people
            .OrderBy(p => p.DisplayName)
            .Select(p => new
            {
                p.Id,
                p.Login,
                p.DisplayName,
                p.AvatarUrl,
                Roles = p.RoleGrants.Where(g => g.From <= now && (g.To == null || now < g.To)).Select(g => g.Role).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(p => new PersonItem(p.Id, p.Login, p.DisplayName, p.AvatarUrl?.ToString(), [.. new RoleSet(p.Roles).Roles.Where(r => r != Role.CommunityMember).Order()]))];
    }
}
