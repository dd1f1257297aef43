using IwgPortal.Domain.StatementsOfWork.Sourcing;

namespace IwgPortal.Domain.Tests.StatementsOfWork.Sourcing;

public class RfpRankingTests
{
    private static readonly RfpCriterion[] Criteria = [new("k1", "Price", 3), new("k2", "Approach", 1)];

    private static ScoreEntry S(int offer, int scorer, string key, int value) => new(offer, scorer, key, value);

    [Fact]
    public void The_weighted_score_is_the_weighted_average_of_the_members_mean_per_criterion()
    {
        // Offer 1: price mean (8+6)/2 = 7, approach mean (4+2)/2 = 3 → (7*3 + 3*1) / 4 = 6.
        // Offer 2: price mean 5, approach mean 9 → (15 + 9) / 4 = 6.
        // Offer 3: price 9, approach 5 → (27 + 5) / 4 = 8.
        var ranking = RfpRanking.Compute(Criteria, [1, 2, 3],
        [
            S(1, 10, "k1", 8), S(1, 11, "k1", 6), S(1, 10, "k2", 4), S(1, 11, "k2", 2),
            S(2, 10, "k1", 5), S(2, 10, "k2", 9),
            S(3, 11, "k1", 9), S(3, 11, "k2", 5),
        ]);

        ranking.Select(r => r.OfferId).ShouldBe([3, 1, 2]);
        ranking[0].WeightedScore.ShouldBe(8m);
        ranking[0].Rank.ShouldBe(1);
        ranking.Single(r => r.OfferId == 1).Criteria.Select(c => c.Mean).ShouldBe([7m, 3m]);
        ranking.Single(r => r.OfferId == 1).ScorerCount.ShouldBe(2);
        ranking.Single(r => r.OfferId == 2).ScorerCount.ShouldBe(1);
    }

    [Fact]
    public void Equal_scores_share_a_rank_and_keep_submission_order()
    {
        var ranking = RfpRanking.Compute(Criteria, [1, 2, 3],
        [
            S(1, 10, "k1", 8), S(1, 11, "k1", 6), S(1, 10, "k2", 4), S(1, 11, "k2", 2),
            S(2, 10, "k1", 5), S(2, 10, "k2", 9),
            S(3, 10, "k1", 1), S(3, 10, "k2", 1),
        ]);

        ranking.Select(r => (r.OfferId, r.Rank)).ShouldBe([(1, (int?)1), (2, 1), (3, 3)]);
    }

    [Fact]
    public void A_criterion_nobody_scored_is_left_out_and_the_offer_is_marked_incomplete()
    {
        // Offer 1 has only a price score of 6: its score is 6, not (6*3 + 0*1) / 4.
        var ranking = RfpRanking.Compute(Criteria, [1, 2], [S(1, 10, "k1", 6)]);

        var first = ranking[0];
        first.OfferId.ShouldBe(1);
        first.WeightedScore.ShouldBe(6m);
        first.IsComplete.ShouldBeFalse();
        first.Criteria[1].Mean.ShouldBeNull();
        first.Criteria[1].ScoreCount.ShouldBe(0);
        ranking[1].ShouldBe(ranking[1] with { OfferId = 2, Rank = null, WeightedScore = null, ScorerCount = 0, IsComplete = false });
    }

    [Fact]
    public void Unscored_offers_come_last_without_a_rank_and_foreign_scores_are_ignored()
    {
        var ranking = RfpRanking.Compute(Criteria, [1, 2], [S(2, 10, "k1", 0), S(2, 10, "k2", 0), S(9, 10, "k1", 10), S(1, 10, "zz", 10)]);

        ranking.Select(r => (r.OfferId, r.Rank, r.WeightedScore)).ShouldBe([(2, (int?)1, (decimal?)0m), (1, null, null)]);
    }

    [Fact]
    public void Means_are_rounded_to_two_decimals_for_display_but_exact_in_the_average()
    {
        // Price mean 20/3 = 6.666…, approach 10: (20 + 10) / 4 = 7.5 exactly.
        var ranking = RfpRanking.Compute(Criteria, [1], [S(1, 10, "k1", 7), S(1, 11, "k1", 7), S(1, 12, "k1", 6), S(1, 10, "k2", 10)]);

        ranking[0].Criteria[0].Mean.ShouldBe(6.67m);
        ranking[0].WeightedScore.ShouldBe(7.5m);
        ranking[0].ScorerCount.ShouldBe(3);
        ranking[0].IsComplete.ShouldBeTrue();
    }
}
