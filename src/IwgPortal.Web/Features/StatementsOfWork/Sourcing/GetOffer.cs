using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>One offer, for its contractor at any time, or for WG, board and treasurer after the deadline; 404 for anyone else.</summary>
public sealed record GetOfferQuery(int SowId, int OfferId) : IQuery<RfpOfferView>;

public sealed class GetOfferHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<GetOfferQuery, RfpOfferView>
{
    public async ValueTask<RfpOfferView> Handle(GetOfferQuery query, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, query.SowId, cancellationToken);
        var offer = await SourcingLoader.ReadableOfferAsync(db, user, rfp, query.OfferId, clock.GetUtcNow(), cancellationToken);
        var logins = await SourcingLoader.LoginsAsync(db, [offer.SubmittedById], cancellationToken);
        return offer.ToView(logins, user.RequiredPersonId);
    }
}
