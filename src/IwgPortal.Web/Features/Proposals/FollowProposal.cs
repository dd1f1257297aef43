using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>Follow or stop following a proposal. Both are idempotent.</summary>
public sealed record FollowProposalCommand(int ProposalId, bool Follow) : ICommand<bool>;

public sealed class FollowProposalHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<FollowProposalCommand, bool>
{
    public async ValueTask<bool> Handle(FollowProposalCommand command, CancellationToken cancellationToken)
    {
        var me = user.RequiredPersonId;
        if (!await db.Proposals.AnyAsync(p => p.Id == command.ProposalId, cancellationToken))
        {
            throw new NotFoundException($"There is no proposal {command.ProposalId}.");
        }

        if (!command.Follow)
        {
            await db.ProposalFollowers.Where(f => f.ProposalId == command.ProposalId && f.PersonId == me).ExecuteDeleteAsync(cancellationToken);
            return false;
        }

        // ON CONFLICT DO NOTHING: a double click follows once.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO proposal_followers (proposal_id, person_id, since) VALUES ({command.ProposalId}, {me}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return true;
    }
}
