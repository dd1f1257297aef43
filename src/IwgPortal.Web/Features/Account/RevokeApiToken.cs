using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Account;

public sealed record RevokeApiTokenCommand(int TokenId) : ICommand;

public sealed class RevokeApiTokenHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<RevokeApiTokenCommand>
{
    public async ValueTask<Unit> Handle(RevokeApiTokenCommand command, CancellationToken cancellationToken)
    {
        var personId = user.RequiredPersonId;

        // Someone else's token answers "not found": its existence is nobody else's business.
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == command.TokenId && t.PersonId == personId, cancellationToken)
            ?? throw new NotFoundException("You have no token with that id.");
        token.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
