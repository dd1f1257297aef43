using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Testing;
using IwgPortal.Web.Hosting.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>
/// Reading a statement of work costs the same few statements however many revisions and moves it
/// has (a count, not a time: tests/IwgPortal.Benchmarks measures times), and shows its moves in order.
/// </summary>
public class SowReadCostTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Sow_reads_cost_as_many_statements_for_six_revisions_as_for_two_and_at_most_four_but_the_sow_page()
    {
        var (wg, small) = await SowApi.NewDraftAsync(portal, "cost-small", "Small SOW");
        using (wg)
        {
            await PublishRevisionsAsync(wg, small, "Small SOW", 2);
            var big = await SowApi.NewDraftAsync(portal, wg, "cost-big", "Big SOW");
            await PublishRevisionsAsync(wg, big, "Big SOW", 6);

            var before = await CountsAsync(small, 2);
            var after = await CountsAsync(big, 6);

            foreach (var (path, count) in after)
            {
                // The SOW's own page also shows its comments, the catalogue and the sourcing panel: more
                // statements (docs/performance.md), but as many for six revisions as for two.
                if (path != "page")
                {
                    count.ShouldBeLessThanOrEqualTo(4, path);
                }

                count.ShouldBe(before[path], path);
            }

            // Its state, latest text, revisions, moves and proposals: one round trip (a batch of four
            // statements); the comparison page's SOW and both texts: one statement.
            after["details"].ShouldBe(1);
            after["compare page"].ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_sow_s_moves_are_listed_in_the_order_they_happened()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "cost-order", "Ordered moves");
        using (wg)
        {
            await PublishRevisionsAsync(wg, id, "Ordered moves", 4);
            var sow = await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{id}");

            var moves = sow.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("at").GetDateTimeOffset()).ToList();
            moves.Count.ShouldBeGreaterThanOrEqualTo(7);
            moves.ShouldBe(moves.Order().ToList());
            sow.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("number").GetInt32()).ShouldBe([1, 2, 3, 4]);
            sow.GetProperty("published").GetProperty("nonFunctionalRequirements").GetString().ShouldBe("Change 4.");
        }
    }

    private static async Task PublishRevisionsAsync(HttpClient wg, int id, string title, int revisions)
    {
        for (var n = 1; n <= revisions; n++)
        {
            if (n > 1)
            {
                await SowApi.MoveAsync(wg, id, "Draft", $"Round {n}");
            }

            await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content(title, $"Change {n}."));
        }
    }

    private async Task<Dictionary<string, int>> CountsAsync(int id, int revisions)
    {
        using var anonymous = portal.CreateClient();
        var result = new Dictionary<string, int>();
        foreach (var (key, path) in new[]
        {
            ("details", $"/api/sows/{id}"),
            ("revision", $"/api/sows/{id}/revisions/1"),
            ("diff", $"/api/sows/{id}/diff?from=1&to={revisions}"),
            ("list", "/api/sows"),
            ("page", $"/sows/{id}"),
            ("compare page", $"/sows/{id}/compare?from=1&to={revisions}"),
            ("list page", "/sows"),
        })
        {
            // Computed in full: no answer from the output cache, no cached catalogue.
            await portal.Services.GetRequiredService<PublicContent>().ChangedAsync();
            var (response, statements) = await SqlStatementCounter.GetAsync(anonymous, path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            statements.ShouldBeGreaterThan(0, path);
            result[key] = statements;
        }

        return result;
    }
}
