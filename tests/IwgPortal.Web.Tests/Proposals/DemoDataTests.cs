using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Tests.Proposals;

public class DemoDataTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Demo_proposals_cover_every_state()
    {
        using var client = portal.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/proposals?pageSize=100");

        page.GetProperty("items").GetArrayLength().ShouldBeGreaterThanOrEqualTo(8);
        var counts = page.GetProperty("countByState");
        foreach (var state in new[] { "Submitted", "UnderDiscussion", "Accepted", "Declined", "Withdrawn" })
        {
            counts.TryGetProperty(state, out var count).ShouldBeTrue($"a demo proposal is {state}");
            count.GetInt32().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Demo_discussions_have_replies_and_the_counters_match_them()
    {
        using var client = portal.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/proposals?pageSize=100");

        var replies = 0;
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetInt32();
            var threads = await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}/comments");
            var total = threads.EnumerateArray().Sum(t => 1 + t.GetProperty("replies").GetArrayLength());
            replies += threads.EnumerateArray().Sum(t => t.GetProperty("replies").GetArrayLength());
            item.GetProperty("commentCount").GetInt32().ShouldBe(total, $"comment count of proposal {id}");
            if (total > 0)
            {
                var newest = threads.EnumerateArray().SelectMany(t => t.GetProperty("replies").EnumerateArray().Prepend(t))
                    .Max(c => c.GetProperty("createdAt").GetDateTimeOffset());
                item.GetProperty("lastActivityAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(newest);
            }
        }

        replies.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task A_workflow_change_in_discussion_shows_an_open_consultation()
    {
        using var client = portal.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/proposals?state=UnderDiscussion&changesWorkflow=true");

        var id = page.GetProperty("items").EnumerateArray().First().GetProperty("id").GetInt32();
        var details = await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");
        details.GetProperty("consultationEndsAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        details.GetProperty("transitions").EnumerateArray().ShouldAllBe(t => t.GetProperty("reason").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Starting_a_second_portal_on_the_same_database_seeds_nothing_twice()
    {
        var before = await CountsAsync(portal);

        await using (var second = PortalFactory.Create(connectionString: portal.ConnectionString))
        {
            using var client = second.CreateClient();
            (await client.GetFromJsonAsync<JsonElement>("/api/proposals")).GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
            (await CountsAsync(second)).ShouldBe(before);
        }

        (await CountsAsync(portal)).ShouldBe(before);
    }

    private static Task<int[]> CountsAsync(PortalFactory factory) => factory.WithDbAsync(async db => new[]
    {
        await db.People.CountAsync(p => p.IsDemo),
        await db.Proposals.CountAsync(),
        await db.Comments.CountAsync(),
        await db.Proposals.SelectMany(p => p.Transitions).CountAsync(),
        await db.ProposalFollowers.CountAsync(),
    });
}
