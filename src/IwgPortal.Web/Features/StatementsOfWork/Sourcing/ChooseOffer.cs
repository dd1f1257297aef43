using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>
/// The working group chooses an offer after the deadline (Sourcing or InDecision). The chosen
/// organisation becomes public; the price stays confidential.
/// </summary>
public sealed record ChooseOfferCommand(int SowId, int OfferId) : ICommand<string>;

public sealed class ChooseOfferHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<ChooseOfferCommand, string>
{
    public async ValueTask<string> Handle(ChooseOfferCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var now = clock.GetUtcNow();
        var offer = await SourcingLoader.ReadableOfferAsync(db, user, rfp, command.OfferId, now, cancellationToken);
        var conflicted = await SourcingLoader.IsConflictedAsync(db, rfp.Id, user.PersonId, cancellationToken);
        rfp.Choose(stage, offer, user.RequiredPersonId, user.Roles, conflicted, now);
        await db.SaveChangesAsync(cancellationToken);
        return rfp.ChosenOrganisation!;
    }
}
