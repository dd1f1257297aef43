using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;
using IwgPortal.Web.Tests.Proposals;
using Npgsql;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class SowApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static object Content(string nonFunctional = "No extra queue time at peak.") => SowApi.Content(nonFunctional: nonFunctional);

    private Task<(HttpClient Wg, int SowId)> NewSowAsync(string prefix, bool changesWorkflow = false) => SowApi.NewDraftAsync(portal, prefix, changesWorkflow: changesWorkflow);

    private static Task<uint> VersionAsync(HttpClient wg, int id) => SowApi.VersionAsync(wg, id);

    [Fact]
    public async Task A_draft_starts_from_the_proposals_and_stays_with_the_working_group_until_published()
    {
        var (wg, id) = await NewSowAsync("sow-draft");

        var draft = await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{id}");
        draft.GetProperty("draft").GetProperty("problem").GetString()!.ShouldContain("expensive");
        draft.GetProperty("draft").GetProperty("serviceSlugs")[0].GetString().ShouldBe("build-servers");
        draft.GetProperty("missingToPublish").GetArrayLength().ShouldBeGreaterThan(0);
        await ProblemDetailsTests.ShouldBeProblem(await portal.CreateClient().GetAsync(new Uri($"/api/sows/{id}", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_makes_immutable_revisions_that_anyone_can_read_and_compare()
    {
        var (wg, id) = await NewSowAsync("sow-publish");
        (await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content = Content(), version = await VersionAsync(wg, id) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = await (await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        first.GetProperty("number").GetInt32().ShouldBe(1);

        (await wg.PostAsJsonAsync($"/api/sows/{id}/transitions", new { to = "Draft", reason = "Tighten the NFRs" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content = Content("No extra queue time at any hour."), version = await VersionAsync(wg, id) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await (await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();

        using var anonymous = portal.CreateClient();
        var revision1 = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{id}/revisions/1");
        revision1.GetProperty("content").GetProperty("nonFunctionalRequirements").GetString().ShouldBe("No extra queue time at peak.");
        revision1.GetProperty("sha256").GetString().ShouldBe(first.GetProperty("sha256").GetString());
        second.GetProperty("sha256").GetString().ShouldNotBe(first.GetProperty("sha256").GetString());
        var diff = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{id}/diff?from=1&to=2");
        var nfr = diff.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("section").GetString() == "Non-functional requirements");
        nfr.GetProperty("kind").GetString().ShouldBe("Changed");
        nfr.GetProperty("words").EnumerateArray().ShouldContain(w => w.GetProperty("kind").GetString() == "Added" && w.GetProperty("text").GetString()!.Contains("any hour", StringComparison.Ordinal));
        var publicView = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{id}");
        publicView.GetProperty("draft").ValueKind.ShouldBe(JsonValueKind.Null);
        publicView.GetProperty("revisions").GetArrayLength().ShouldBe(2);

        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var tamper = new NpgsqlCommand("UPDATE sow_revisions SET sha256 = repeat('0', 64)", connection);
        (await Should.ThrowAsync<PostgresException>(() => tamper.ExecuteNonQueryAsync())).MessageText.ShouldContain("immutable");
    }

    [Fact]
    public async Task An_incomplete_draft_is_refused_with_what_is_missing()
    {
        var (wg, id) = await NewSowAsync("sow-incomplete");

        var response = await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null);

        (await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("work mode");
    }

    [Fact]
    public async Task A_stale_draft_save_is_a_conflict_not_an_overwrite()
    {
        var (wg, id) = await NewSowAsync("sow-stale");
        var version = await VersionAsync(wg, id);
        (await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content = Content("Mine"), version })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var late = await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content = Content("Theirs"), version });

        await ProblemDetailsTests.ShouldBeProblem(late, HttpStatusCode.Conflict);
        (await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{id}")).GetProperty("draft").GetProperty("nonFunctionalRequirements").GetString().ShouldBe("Mine");
    }

    [Fact]
    public async Task Only_accepted_proposals_start_a_statement_of_work_and_only_the_working_group_does_it()
    {
        using var author = await portal.CreateApiClientAsync("sow-rules-author");
        using var wg = await portal.CreateApiClientAsync("sow-rules-wg", Role.WorkingGroupMember);
        var proposal = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { proposal }, title = "Mine" }), HttpStatusCode.Forbidden);
        (await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { proposal }, title = "Too early" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("accepted");
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { 999999 }, title = "Ghost" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_decision_waits_for_the_consultation_of_a_workflow_change()
    {
        var (wg, id) = await NewSowAsync("sow-consult", changesWorkflow: true);
        await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content = Content(), version = await VersionAsync(wg, id) });
        await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null);
        (await wg.PostAsJsonAsync($"/api/sows/{id}/transitions", new { to = "Sourcing" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var early = await wg.PostAsJsonAsync($"/api/sows/{id}/transitions", new { to = "InDecision" });

        (await ProblemDetailsTests.ShouldBeProblem(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("consultation");
    }
}
