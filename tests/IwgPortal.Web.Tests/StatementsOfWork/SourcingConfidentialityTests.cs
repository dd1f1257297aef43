using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>
/// Canaries: unique strings in an offer's price, texts and organisation and in a score's note,
/// then every public read, as anonymous, as a community member and as the competing contractor.
/// None of them may come back, before the deadline or after the evaluation and the choice.
/// </summary>
public class SourcingConfidentialityTests(SourcingPortal fixture) : IClassFixture<SourcingPortal>
{
    private const string Tag = "c4n4ry7f3a";

    private static readonly string[] Canaries =
    [
        "98765.43", "87654.32", "CANARY-ORG-" + Tag, "CANARY-APPROACH-" + Tag, "CANARY-SCHEDULE-" + Tag,
        "CANARY-ATTACH-" + Tag, "CANARY-REVISED-" + Tag, "CANARY-SCORE-NOTE-" + Tag,
    ];

    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task No_confidential_value_of_an_offer_or_its_evaluation_reaches_a_public_reader()
    {
        using var wg = await Portal.CreateApiClientAsync("canary-wg", Role.WorkingGroupMember);
        using var bidder = await Portal.CreateApiClientAsync("canary-bidder", Role.Contractor);
        using var competitor = await Portal.CreateApiClientAsync("canary-competitor", Role.Contractor);
        using var community = await Portal.CreateApiClientAsync("canary-community");
        using var anonymous = Portal.CreateClient();
        var sow = await SourcingKit.PublishedSowAsync(Portal, wg, "canary", "RequestForProposals");
        var deadline = fixture.Clock.GetUtcNow().AddDays(7);
        await SourcingKit.CreatedIdAsync(await wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", SourcingKit.Rfp(deadline)));
        var first = await SourcingKit.CreatedIdAsync(await bidder.PostAsJsonAsync($"/api/sows/{sow}/offers", new
        {
            organisation = "CANARY-ORG-" + Tag,
            price = 98765.43m,
            currency = "EUR",
            schedule = "CANARY-SCHEDULE-" + Tag,
            approach = "CANARY-APPROACH-" + Tag,
            attachments = "https://example.org/CANARY-ATTACH-" + Tag,
        }));
        var offer = await SourcingKit.CreatedIdAsync(await bidder.PutAsJsonAsync($"/api/sows/{sow}/offers/{first}", new
        {
            organisation = "CANARY-ORG-" + Tag,
            price = 87654.32m,
            currency = "EUR",
            schedule = "CANARY-SCHEDULE-" + Tag,
            approach = "CANARY-REVISED-" + Tag,
            attachments = (string?)null,
        }), HttpStatusCode.OK);
        var other = await SourcingKit.CreatedIdAsync(await competitor.PostAsJsonAsync($"/api/sows/{sow}/offers", SourcingKit.Offer("Competitor Inc", 50_000m)));

        await NothingLeaksAsync(sow, [first, offer], anonymous, community, competitor);
        await OnlyItsOwnOfferAsync(competitor, sow);

        // Sealed means sealed: before the deadline the working group reads none of it either.
        await NothingLeaksAsync(sow, [first, offer], wg);

        // Control: the canaries are written the way the API writes them, so their absence above means something.
        var mine = await bidder.GetStringAsync(new Uri($"/api/sows/{sow}/offers", UriKind.Relative));
        Canaries.Where(c => !c.Contains("SCORE", StringComparison.Ordinal)).ShouldAllBe(c => mine.Contains(c, StringComparison.Ordinal));

        fixture.Clock.Advance(TimeSpan.FromDays(8));
        (await wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{offer}/scores", new { scores = new[] { new { criterion = "k1", value = 7, note = "CANARY-SCORE-NOTE-" + Tag } } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wg.PutAsJsonAsync($"/api/sows/{sow}/offers/{offer}/scores", new { scores = new[] { new { criterion = "k1", value = 8, note = "CANARY-SCORE-NOTE-" + Tag + " (second look)" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wg.PostAsJsonAsync($"/api/sows/{sow}/rfp/choice", new { offerId = other })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await NothingLeaksAsync(sow, [first, offer], anonymous, community, competitor);
        await OnlyItsOwnOfferAsync(competitor, sow);

        var scores = await wg.GetStringAsync(new Uri($"/api/sows/{sow}/offers/{offer}/scores", UriKind.Relative));
        scores.ShouldContain("CANARY-SCORE-NOTE-" + Tag);

        // The offer and score events exist, but only as non-public events.
        var kinds = await Portal.WithDbAsync(db => db.AuditEvents.Where(e => e.RecordKind == "sow-rfp-offer" || e.RecordKind == "sow-rfp-score")
            .Select(e => new { e.RecordKind, e.IsPublic }).ToListAsync());
        kinds.ShouldContain(k => k.RecordKind == "sow-rfp-offer");
        kinds.ShouldContain(k => k.RecordKind == "sow-rfp-score");
        kinds.ShouldAllBe(k => !k.IsPublic);

        // The application log, at Debug level, holds none of it either, though it saw every request.
        Portal.Log.Text.ShouldContain($"/api/sows/{sow}/offers/{offer}/scores");
        foreach (var canary in Canaries)
        {
            Portal.Log.Text.ShouldNotContain(canary, Case.Insensitive);
        }
    }

    private async Task NothingLeaksAsync(int sow, int[] offers, params HttpClient[] readers)
    {
        string[] paths =
        [
            "/api/sows", $"/api/sows/{sow}", $"/api/sows/{sow}/revisions/1", $"/api/sows/{sow}/diff?from=1&to=1",
            $"/api/sows/{sow}/rfp", $"/api/sows/{sow}/volunteers", $"/api/sows/{sow}/bounty", $"/api/sows/{sow}/offers",
            $"/api/sows/{sow}/rfp/ranking", .. offers.Select(o => $"/api/sows/{sow}/offers/{o}"), .. offers.Select(o => $"/api/sows/{sow}/offers/{o}/scores"),
            "/api/audit?limit=200", "/api/audit?kind=sow-rfp", "/api/audit?kind=sow-rfp-offer", "/api/audit?kind=sow-rfp-score",
            .. offers.Select(o => $"/api/audit?kind=sow-rfp-offer&recordId={o}"), "/api/people/canary-bidder", "/audit", "/",
        ];
        foreach (var reader in readers)
        {
            // Everything else this reader can reach: pages by their links, and every API read of the OpenAPI document.
            var ids = new Dictionary<string, IReadOnlyList<string>>
            {
                ["id"] = [sow.ToString(CultureInfo.InvariantCulture)],
                ["offerId"] = [.. offers.Select(o => o.ToString(CultureInfo.InvariantCulture))],
                ["number"] = ["1"],
            };
            var crawl = await (await new ConfidentialityCrawl(reader).PagesAsync("/", "/sows", $"/sows/{sow}", $"/sows/{sow}/rfp", $"/sows/{sow}/offers", "/audit")).ApiAsync(ids);
            foreach (var canary in Canaries)
            {
                crawl.Containing(canary).ShouldBeEmpty($"confidential value {canary}");
            }

            foreach (var path in paths)
            {
                using var response = await reader.GetAsync(new Uri(path, UriKind.Relative));
                response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Conflict);
                var body = await response.Content.ReadAsStringAsync();
                foreach (var canary in Canaries)
                {
                    body.ShouldNotContain(canary, Case.Insensitive, $"{path} answered {(int)response.StatusCode} with a confidential value");
                }
            }
        }
    }

    /// <summary>The competitor's own list really holds only its own offer (the test would pass vacuously on an error).</summary>
    private static async Task OnlyItsOwnOfferAsync(HttpClient competitor, int sow)
    {
        var own = await competitor.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}/offers");
        own.GetProperty("offers").EnumerateArray().ShouldAllBe(o => o.GetProperty("isOwn").GetBoolean());
        own.GetProperty("offers").GetArrayLength().ShouldBe(1);
    }
}
