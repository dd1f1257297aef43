using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Account;

public sealed record GetMyProfileQuery : IQuery<MyProfile>;

public sealed record MyProfile(int Id, string Login, string DisplayName, string? AvatarUrl, DateTimeOffset JoinedAt, IReadOnlyList<Role> CurrentRoles);

public sealed class GetMyProfileHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<GetMyProfileQuery, MyProfile>
{
    public async ValueTask<MyProfile> Handle(GetMyProfileQuery query, CancellationToken cancellationToken)
    {
        var id = user.RequiredPersonId;
        var now = clock.GetUtcNow();
        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                p.Login,
                p.DisplayName,
                p.AvatarUrl,
                p.JoinedAt,
                Roles = p.RoleGrants.Where(g => g.From <= now && (g.To == null || now < g.To)).Select(g => g.Role).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Your account no longer exists.");
        return new MyProfile(person.Id, person.Login, person.DisplayName, person.AvatarUrl?.ToString(), person.JoinedAt,
            [.. new RoleSet(person.Roles).Roles.Order()]);
    }
}
