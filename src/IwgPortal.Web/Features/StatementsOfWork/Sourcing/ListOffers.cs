using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>Confidential. IsCurrent is false for a revised offer (SupersededAt says when).</summary>
public sealed record RfpOfferView(
    int Id,
    string Organisation,
    string SubmittedBy,
    decimal Price,
    string Currency,
    string Schedule,
    string Approach,
    string? Attachments,
    DateTimeOffset SubmittedAt,
    int? SupersedesId,
    bool IsCurrent,
    DateTimeOffset? SupersededAt,
    DateTimeOffset? WithdrawnAt,
    bool IsOwn);

/// <summary>Access says what the list holds: OwnOnly (before the deadline, or not privileged) or All.</summary>
public sealed record RfpOfferList(DateTimeOffset Deadline, bool IsSealed, OfferAccess Access, IReadOnlyList<RfpOfferView> Offers);

public sealed record ListOffersQuery(int SowId) : IQuery<RfpOfferList>;

/// <summary>
/// The offers the acting person may read: a contractor its own (with their revisions) at any time;
/// WG, board and treasurer every offer once the deadline has passed; a conflicted member nothing (403).
/// </summary>
public sealed class ListOffersHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<ListOffersQuery, RfpOfferList>
{
    public async ValueTask<RfpOfferList> Handle(ListOffersQuery query, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, query.SowId, cancellationToken);
        var now = clock.GetUtcNow();
        var me = user.RequiredPersonId;
        var access = rfp.AccessFor(user.Roles, await SourcingLoader.IsConflictedAsync(db, rfp.Id, me, cancellationToken), now);
        if (access == OfferAccess.Conflicted)
        {
            throw SourcingLoader.Conflicted();
        }

        var offers = db.RfpOffers.AsNoTracking().Where(o => o.RfpId == rfp.Id);
        if (access != OfferAccess.All)
        {
            offers = offers.Where(o => o.SubmittedById == me);
        }

        var rows = await offers.OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var logins = await SourcingLoader.LoginsAsync(db, rows.Select(o => (int?)o.SubmittedById), cancellationToken);
        return new RfpOfferList(rfp.Deadline, rfp.IsSealedAt(now), access, [.. rows.Select(o => o.ToView(logins, me))]);
    }
}

internal static class RfpOfferViews
{
    public static RfpOfferView ToView(this RfpOffer o, IReadOnlyDictionary<int, string> logins, int me) => new(
        o.Id, o.Organisation, logins[o.SubmittedById], o.Price, o.Currency, o.Schedule, o.Approach, o.Attachments,
        o.SubmittedAt, o.SupersedesId, o.IsCurrent, o.SupersededAt, o.WithdrawnAt, o.SubmittedById == me);
}
