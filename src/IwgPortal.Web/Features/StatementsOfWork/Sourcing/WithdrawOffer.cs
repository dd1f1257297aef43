using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>The submitting contractor withdraws its offer before the deadline: a flag with its time, the offer stays.</summary>
public sealed record WithdrawOfferCommand(int SowId, int OfferId) : ICommand<bool>;

public sealed class WithdrawOfferHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<WithdrawOfferCommand, bool>
{
    public async ValueTask<bool> Handle(WithdrawOfferCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var offer = await SourcingLoader.OwnOfferAsync(db, user, rfp, command.OfferId, cancellationToken);
        rfp.Withdraw(stage, offer, user.RequiredPersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
