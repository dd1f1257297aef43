using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>What the route slices load first: the SOW's stage, its RFP, and whether the actor is conflicted.</summary>
internal static class SourcingLoader
{
    /// <summary>An SOW never published is the working group's draft: to others it does not exist (as in GetSow).</summary>
    public static async Task<SourcingStage> StageAsync(PortalDbContext db, CurrentUser user, int sowId, CancellationToken cancellationToken)
    {
        // The stage only: not every revision's text, only the latest one's route.
        var sow = await db.StatementsOfWork.AsNoTracking().Where(s => s.Id == sowId)
            .Select(s => new { s.State, Revisions = s.Revisions.Count, Published = s.Revisions.OrderByDescending(r => r.Number).Select(r => r.Content).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        return sow is null || (sow.Revisions == 0 && !user.Roles.IsWorkingGroup)
            ? throw new NotFoundException($"There is no statement of work {sowId}.")
            : new SourcingStage(sowId, sow.State, sow.Published?.Route);
    }

    public static async Task<RequestForProposals> RfpAsync(PortalDbContext db, int sowId, CancellationToken cancellationToken) =>
        await db.Rfps.SingleOrDefaultAsync(r => r.SowId == sowId, cancellationToken)
            ?? throw new NotFoundException($"Statement of work {sowId} has no request for proposals.");

    public static Task<bool> IsConflictedAsync(PortalDbContext db, int rfpId, int? personId, CancellationToken cancellationToken) =>
        personId is null ? Task.FromResult(false) : db.RfpConflicts.AnyAsync(c => c.RfpId == rfpId && c.MemberId == personId, cancellationToken);

    public static ForbiddenException Conflicted() =>
        new("You declared a conflict of interest on this request for proposals: its offers, scores and ranking are closed to you.");

    /// <summary>
    /// An offer the actor may not read does not exist for them: 404, not 403, so that not even
    /// the number of sealed offers can be probed by id.
    /// </summary>
    public static async Task<RfpOffer> ReadableOfferAsync(PortalDbContext db, CurrentUser user, RequestForProposals rfp, int offerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var access = rfp.AccessFor(user.Roles, await IsConflictedAsync(db, rfp.Id, user.PersonId, cancellationToken), now);
        var offer = await db.RfpOffers.SingleOrDefaultAsync(o => o.Id == offerId && o.RfpId == rfp.Id, cancellationToken);
        if (offer is not null && offer.SubmittedById == user.PersonId)
        {
            return offer;
        }

        if (access == OfferAccess.Conflicted)
        {
            throw Conflicted();
        }

        return offer is not null && access == OfferAccess.All
            ? offer
            : throw new NotFoundException($"There is no offer {offerId} on this request for proposals that you may read.");
    }

    /// <summary>Only its contractor changes an offer; to anyone else it does not exist (404).</summary>
    public static async Task<RfpOffer> OwnOfferAsync(PortalDbContext db, CurrentUser user, RequestForProposals rfp, int offerId, CancellationToken cancellationToken)
    {
        var me = user.RequiredPersonId;
        return await db.RfpOffers.SingleOrDefaultAsync(o => o.Id == offerId && o.RfpId == rfp.Id && o.SubmittedById == me, cancellationToken)
            ?? throw new NotFoundException($"You have no offer {offerId} on this request for proposals.");
    }

    public static async Task<Dictionary<int, string>> LoginsAsync(PortalDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Login, cancellationToken);
    }

    /// <summary>
    /// Saves a superseded record before the record that replaces it, in one transaction: the
    /// partial unique indexes allow one current record, and PostgreSQL checks them per statement.
    /// </summary>
    public static async Task SaveSupersedingAsync(PortalDbContext db, Action addReplacement, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        addReplacement();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
