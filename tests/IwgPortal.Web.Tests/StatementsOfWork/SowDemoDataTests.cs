using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class SowDemoDataTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Demo_statements_of_work_cover_every_route_and_one_has_two_revisions_discussed_across_both()
    {
        using var anonymous = portal.CreateClient();
        var sows = (await anonymous.GetFromJsonAsync<JsonElement>("/api/sows")).EnumerateArray().ToList();

        sows.Select(s => s.GetProperty("route").GetString()).ShouldBe(["Volunteers", "Bounty", "RequestForProposals"], ignoreOrder: true);
        sows.ShouldAllBe(s => s.GetProperty("state").GetString() == "Sourcing");
        var twice = sows.Single(s => s.GetProperty("revisionCount").GetInt32() == 2).GetProperty("id").GetInt32();
        var diff = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{twice}/diff?from=1&to=2");
        diff.GetProperty("workItems").EnumerateArray().ShouldContain(w => w.GetProperty("kind").GetString() == "Added");
        var comments = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{twice}/comments");
        comments.EnumerateArray().Select(c => c.GetProperty("revision").GetInt32()).Distinct().Order().ShouldBe([1, 2]);
    }

    [Fact]
    public async Task The_demo_draft_is_the_working_groups_alone_and_lists_what_is_missing()
    {
        using var wg = await portal.CreateApiClientAsync("sow-demo-wg", Domain.Membership.Role.WorkingGroupMember);
        var all = (await wg.GetFromJsonAsync<JsonElement>("/api/sows")).EnumerateArray().ToList();

        var draft = all.Single(s => s.GetProperty("revisionCount").GetInt32() == 0).GetProperty("id").GetInt32();
        var details = await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{draft}");
        details.GetProperty("missingToPublish").EnumerateArray().ShouldContain(m => m.GetString()!.Contains("acceptance criteria", StringComparison.Ordinal));
        (await portal.CreateClient().GetFromJsonAsync<JsonElement>("/api/sows")).EnumerateArray().ShouldNotContain(s => s.GetProperty("id").GetInt32() == draft);
    }

    [Fact]
    public async Task Each_demo_route_has_its_records_and_the_rfp_three_offers_ranked_for_the_working_group()
    {
        using var anonymous = portal.CreateClient();
        var sows = (await anonymous.GetFromJsonAsync<JsonElement>("/api/sows")).EnumerateArray().ToList();
        int Sow(string route) => sows.Single(s => s.GetProperty("route").GetString() == route).GetProperty("id").GetInt32();

        var volunteers = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{Sow("Volunteers")}/volunteers");
        volunteers.EnumerateArray().Count(v => v.GetProperty("assigned").GetBoolean()).ShouldBe(1);
        var bounty = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{Sow("Bounty")}/bounty");
        bounty.GetProperty("current").GetProperty("amount").GetDecimal().ShouldBe(1_500m);
        bounty.GetProperty("applications").GetArrayLength().ShouldBe(2);
        var rfp = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{Sow("RequestForProposals")}/rfp");
        rfp.GetProperty("offerCount").GetInt32().ShouldBe(3);
        rfp.GetProperty("questions")[0].GetProperty("answer").GetString().ShouldNotBeNullOrEmpty();

        using var wg = await portal.CreateApiClientAsync("sow-demo-ranking", Domain.Membership.Role.WorkingGroupMember);
        var ranking = await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{Sow("RequestForProposals")}/rfp/ranking");
        ranking.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("rank").GetInt32()).Order().ShouldBe([1, 2, 3]);
    }
}
