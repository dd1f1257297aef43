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
}
