using IwgPortal.Domain.Common;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record GetRfpRankingQuery(int SowId) : IQuery<RfpRankingView>;

public sealed record RfpRankingRow(int OfferId, string Organisation, decimal Price, string Currency, int? Rank, decimal? WeightedScore, int ScorerCount, bool IsComplete, IReadOnlyList<CriterionResult> Criteria);

/// <summary>Confidential: the weighted ranking of the current, non-withdrawn offers.</summary>
public sealed record RfpRankingView(int SowId, IReadOnlyList<RfpCriterion> Criteria, IReadOnlyList<RfpRankingRow> Offers, string? ChosenOrganisation);

public sealed class GetRfpRankingHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<GetRfpRankingQuery, RfpRankingView>
{
    public async ValueTask<RfpRankingView> Handle(GetRfpRankingQuery query, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, query.SowId, cancellationToken);
        var now = clock.GetUtcNow();
        switch (rfp.AccessFor(user.Roles, await SourcingLoader.IsConflictedAsync(db, rfp.Id, user.PersonId, cancellationToken), now))
        {
            case OfferAccess.Conflicted:
                throw SourcingLoader.Conflicted();
            case OfferAccess.OwnOnly when rfp.IsSealedAt(now):
                throw new DomainException($"Offers are sealed until the deadline ({rfp.Deadline:u}); the ranking comes after it.");
            case OfferAccess.OwnOnly:
                throw new Hosting.Errors.ForbiddenException("The ranking is for the working group, the board and the treasurer.");
        }

        var offers = await db.RfpOffers.AsNoTracking().Where(o => o.RfpId == rfp.Id && o.SupersededAt == null && o.WithdrawnAt == null)
            .OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var ids = offers.Select(o => o.Id).ToList();
        var scores = await db.RfpScores.AsNoTracking().Where(s => ids.Contains(s.OfferId) && s.SupersededAt == null)
            .Select(s => new ScoreEntry(s.OfferId, s.ScorerId, s.CriterionKey, s.Value)).ToListAsync(cancellationToken);
        var byId = offers.ToDictionary(o => o.Id);
        var ranking = RfpRanking.Compute(rfp.Criteria, ids, scores);
        return new RfpRankingView(
            query.SowId,
            rfp.Criteria,
            [.. ranking.Select(r => new RfpRankingRow(r.OfferId, byId[r.OfferId].Organisation, byId[r.OfferId].Price, byId[r.OfferId].Currency, r.Rank, r.WeightedScore, r.ScorerCount, r.IsComplete, r.Criteria))],
            rfp.ChosenOrganisation);
    }
}
