namespace IwgPortal.Domain.StatementsOfWork.Sourcing;

/// <summary>One current score as the ranking sees it.</summary>
public sealed record ScoreEntry(int OfferId, int ScorerId, string CriterionKey, int Value);

/// <summary>The mean of the members' scores of one offer on one criterion; null when nobody scored it.</summary>
public sealed record CriterionResult(string Key, string Name, int Weight, decimal? Mean, int ScoreCount);

/// <summary>
/// One offer's place: its weighted score (null until scored), how many members scored it, and its
/// rank (1 is best; equal scores share a rank; unscored offers have none).
/// </summary>
public sealed record RankedOffer(int OfferId, int? Rank, decimal? WeightedScore, int ScorerCount, bool IsComplete, IReadOnlyList<CriterionResult> Criteria);

/// <summary>
/// The weighted ranking of an RFP's offers: per offer, the weighted average over the criteria of
/// the mean score the members gave on each criterion.
/// </summary>
public static class RfpRanking
{
    /// <param name="criteria">The RFP's criteria with their weights.</param>
    /// <param name="offerIds">The offers to rank (current, not withdrawn), in submission order.</param>
    /// <param name="scores">Current scores; scores of other offers or unknown criteria are ignored.</param>
    /// <remarks>
    /// A criterion nobody scored for an offer is left out of that offer's average and the other
    /// weights count proportionally more; <see cref="RankedOffer.IsComplete"/> says whether every
    /// criterion had at least one score. Equal scores share a rank (1, 1, 3) and keep submission order.
    /// Scores are rounded to two decimals only for the comparison of ties and for display.
    /// </remarks>
    public static IReadOnlyList<RankedOffer> Compute(IReadOnlyList<RfpCriterion> criteria, IReadOnlyList<int> offerIds, IEnumerable<ScoreEntry> scores)
    {
        var byOffer = scores.Where(s => offerIds.Contains(s.OfferId) && criteria.Any(c => c.Key == s.CriterionKey))
            .ToLookup(s => s.OfferId);
        var results = offerIds.Select(offerId =>
        {
            var offerScores = byOffer[offerId].ToList();
            var perCriterion = criteria.Select(c =>
            {
                var values = offerScores.Where(s => s.CriterionKey == c.Key).Select(s => (decimal)s.Value).ToList();
                return new CriterionResult(c.Key, c.Name, c.Weight, values.Count == 0 ? null : Math.Round(values.Average(), 2), values.Count);
            }).ToList();

            // The exact means (not the rounded display values) go into the weighted average.
            decimal weighted = 0, weights = 0;
            foreach (var criterion in criteria)
            {
                var values = offerScores.Where(s => s.CriterionKey == criterion.Key).Select(s => (decimal)s.Value).ToList();
                if (values.Count > 0)
                {
                    weighted += values.Average() * criterion.Weight;
                    weights += criterion.Weight;
                }
            }

            decimal? score = weights == 0 ? null : Math.Round(weighted / weights, 2);
            var scorers = offerScores.Select(s => s.ScorerId).Distinct().Count();
            return (OfferId: offerId, Score: score, Scorers: scorers, Complete: perCriterion.All(c => c.ScoreCount > 0), Criteria: perCriterion);
        }).ToList();

        var ordered = results
            .Select((r, index) => (r, index))
            .OrderByDescending(x => x.r.Score.HasValue)
            .ThenByDescending(x => x.r.Score)
            .ThenBy(x => x.index)
            .Select(x => x.r)
            .ToList();
        var ranked = new List<RankedOffer>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var r = ordered[i];
            int? rank = r.Score is null ? null
                : i > 0 && ordered[i - 1].Score == r.Score ? ranked[i - 1].Rank
                : i + 1;
            ranked.Add(new RankedOffer(r.OfferId, rank, r.Score, r.Scorers, r.Complete, r.Criteria));
        }

        return ranked;
    }
}
