using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class SowCommentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static async Task<int> CommentAsync(HttpClient client, int sowId, string body, int? replyTo = null)
    {
        var response = await client.PostAsJsonAsync($"/api/sows/{sowId}/comments", new { body, replyTo });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        response.Headers.Location!.ToString().ShouldBe($"/api/sows/{sowId}/comments/{id}");
        return id;
    }

    [Fact]
    public async Task Comments_remember_their_revision_and_stay_visible_after_the_next_one()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "sowc-rev");
        await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content());
        using var community = await portal.CreateApiClientAsync("sowc-rev-community");
        var first = await CommentAsync(community, id, "Is **peak** defined?");
        await CommentAsync(wg, id, "Yes, 14:00–18:00 UTC.", replyTo: first);
        await SowApi.MoveAsync(wg, id, "Draft", "Define peak hours");
        await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content(nonFunctional: "No extra queue time 14:00–18:00 UTC."));
        await CommentAsync(community, id, "Thanks, clear now.");

        using var anonymous = portal.CreateClient();
        var threads = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{id}/comments");

        threads.GetArrayLength().ShouldBe(2);
        threads[0].GetProperty("revision").GetInt32().ShouldBe(1);
        threads[0].GetProperty("html").GetString()!.ShouldContain("<strong>peak</strong>");
        threads[0].GetProperty("replies")[0].GetProperty("revision").GetInt32().ShouldBe(1);
        threads[1].GetProperty("revision").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Nobody_comments_on_an_unpublished_draft_and_the_public_cannot_even_see_it()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "sowc-draft");
        using var community = await portal.CreateApiClientAsync("sowc-draft-community");

        await ProblemDetailsTests.ShouldBeProblem(await community.PostAsJsonAsync($"/api/sows/{id}/comments", new { body = "Peek" }), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await portal.CreateClient().GetAsync(new Uri($"/api/sows/{id}/comments", UriKind.Relative)), HttpStatusCode.NotFound);
        (await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync($"/api/sows/{id}/comments", new { body = "Note to self" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("not published");
    }

    [Fact]
    public async Task Only_the_working_group_hides_a_comment_and_only_the_author_edits_it()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "sowc-moderate");
        await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content());
        using var author = await portal.CreateApiClientAsync("sowc-moderate-author");
        using var other = await portal.CreateApiClientAsync("sowc-moderate-other");
        var comment = await CommentAsync(author, id, "First thought");

        await ProblemDetailsTests.ShouldBeProblem(await other.PutAsJsonAsync($"/api/sows/{id}/comments/{comment}", new { body = "Hijack" }), HttpStatusCode.Forbidden);
        (await author.PutAsJsonAsync($"/api/sows/{id}/comments/{comment}", new { body = "Second thought" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemDetailsTests.ShouldBeProblem(await other.PostAsJsonAsync($"/api/sows/{id}/comments/{comment}/hide", new { reason = "No" }), HttpStatusCode.Forbidden);
        (await wg.PostAsJsonAsync($"/api/sows/{id}/comments/{comment}/hide", new { reason = "Off topic" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var seen = (await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/sows/{id}/comments"))[0];
        seen.GetProperty("isHidden").GetBoolean().ShouldBeTrue();
        seen.GetProperty("body").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.GetProperty("hiddenReason").GetString().ShouldBe("Off topic");
    }

    [Fact]
    public async Task A_comment_id_from_another_subject_is_not_found()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "sowc-cross");
        await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content());
        using var author = await portal.CreateApiClientAsync("sowc-cross-author", Role.WorkingGroupMember);
        var proposal = await Proposals.ProposalApi.SubmitAsync(author, Proposals.ProposalApi.NewProposal());
        var onProposal = await Proposals.ProposalApi.CommentAsync(author, proposal, "On the proposal");

        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync($"/api/sows/{id}/comments", new { body = "Reply across", replyTo = onProposal }), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync($"/api/sows/{id}/comments/{onProposal}/hide", new { reason = "x" }), HttpStatusCode.NotFound);
    }
}
