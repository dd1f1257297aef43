using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record ListOfferScoresQuery(int SowId, int OfferId) : IQuery<IReadOnlyList<RfpScoreItem>>;

/// <summary>Confidential. Superseded scores stay in the list with IsCurrent false.</summary>
public sealed record RfpScoreItem(int Id, string Scorer, string Criterion, int Value, string? Note, DateTimeOffset ScoredAt, bool IsCurrent, int? SupersedesId);

/// <summary>Every score of an offer, for WG, board and treasurer after the deadline (not for the conflicted, nor the contractor).</summary>
public sealed class ListOfferScoresHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<ListOfferScoresQuery, IReadOnlyList<RfpScoreItem>>
{
    public async ValueTask<IReadOnlyList<RfpScoreItem>> Handle(ListOfferScoresQuery query, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, query.SowId, cancellationToken);
        var now = clock.GetUtcNow();
        var offer = await SourcingLoader.ReadableOfferAsync(db, user, rfp, query.OfferId, now, cancellationToken);
        if (rfp.AccessFor(user.Roles, await SourcingLoader.IsConflictedAsync(db, rfp.Id, user.PersonId, cancellationToken), now) != Domain.StatementsOfWork.Sourcing.OfferAccess.All)
        {
            // The contractor reads its own offer, never its evaluation.
            throw new Hosting.Errors.ForbiddenException("The evaluation of offers is for the working group, the board and the treasurer, after the deadline.");
        }

        var scores = await db.RfpScores.AsNoTracking().Where(s => s.OfferId == offer.Id).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var logins = await SourcingLoader.LoginsAsync(db, scores.Select(s => (int?)s.ScorerId), cancellationToken);
        return [.. scores.Select(s => new RfpScoreItem(s.Id, logins[s.ScorerId], s.CriterionKey, s.Value, s.Note, s.ScoredAt, s.IsCurrent, s.SupersedesId))];
    }
}
