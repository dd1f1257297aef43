using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Membership;

/// <summary>Ends a role now. The grant stays on record with its shortened term.</summary>
public sealed record EndRoleGrantCommand(int GrantId) : ICommand;

public sealed class EndRoleGrantHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<EndRoleGrantCommand>
{
    public async ValueTask<Unit> Handle(EndRoleGrantCommand command, CancellationToken cancellationToken)
    {
        var grant = await db.RoleGrants.SingleOrDefaultAsync(g => g.Id == command.GrantId, cancellationToken)
            ?? throw new NotFoundException("There is no role grant with that id.");
        grant.End(clock.GetUtcNow(), user.RequiredPersonId);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
