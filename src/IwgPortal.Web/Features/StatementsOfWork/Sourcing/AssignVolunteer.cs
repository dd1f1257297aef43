using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>The working group assigns a volunteer (one or more per SOW), while Sourcing or InDecision.</summary>
public sealed record AssignVolunteerCommand(int SowId, int OfferId) : ICommand<bool>;

public sealed class AssignVolunteerHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<AssignVolunteerCommand, bool>
{
    public async ValueTask<bool> Handle(AssignVolunteerCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var offer = await db.VolunteerOffers.SingleOrDefaultAsync(v => v.Id == command.OfferId && v.SowId == command.SowId, cancellationToken)
            ?? throw new NotFoundException($"Statement of work {command.SowId} has no volunteer offer {command.OfferId}.");
        offer.Assign(stage, user.RequiredPersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
