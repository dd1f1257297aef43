using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;

namespace IwgPortal.Web.Tests.Proposals;

public class CommentApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Comments_and_replies_form_threads_and_count_on_the_proposal()
    {
        using var author = await portal.CreateApiClientAsync("ca-author");
        using var other = await portal.CreateApiClientAsync("ca-other");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        var top = await ProposalApi.CommentAsync(other, id, "Have we measured the queue?");
        await ProposalApi.CommentAsync(author, id, "Yes: **six hours** at peak.", replyTo: top);

        var threads = await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}/comments");
        var thread = threads.EnumerateArray().Single();
        thread.GetProperty("authorLogin").GetString().ShouldBe("ca-other");
        var reply = thread.GetProperty("replies").EnumerateArray().Single();
        reply.GetProperty("html").GetString()!.ShouldContain("<strong>six hours</strong>");
        (await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("commentCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_thread_larger_than_one_buffer_arrives_whole_with_an_etag_that_answers_304()
    {
        using var author = await portal.CreateApiClientAsync("ca-long");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        // Some 90 KB of JSON: quotes, angle brackets and non-ASCII are escaped, so every comment spans segment edges differently.
        var bodies = Enumerable.Range(1, 12).Select(n => $"Comment {n}: " + string.Join(' ', Enumerable.Repeat($"\"quoted\" <b>{n}</b> café ✓", 120))).ToList();
        foreach (var body in bodies)
        {
            await ProposalApi.CommentAsync(author, id, body);
        }

        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri($"/api/proposals/{id}/comments", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Length.ShouldBeGreaterThan(64 * 1024);
        response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
        JsonDocument.Parse(bytes).RootElement.EnumerateArray().Select(c => c.GetProperty("body").GetString()).ShouldBe(bodies);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/proposals/{id}/comments");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await client.SendAsync(conditional)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Replies_go_one_level_deep()
    {
        using var author = await portal.CreateApiClientAsync("ca-deep");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        var top = await ProposalApi.CommentAsync(author, id, "Top");
        var reply = await ProposalApi.CommentAsync(author, id, "Reply", top);

        var deeper = await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "Reply to reply", replyTo = reply });

        (await ProblemDetailsTests.ShouldBeProblem(deeper, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("one level");
    }

    [Fact]
    public async Task A_withdrawn_proposal_takes_no_comments()
    {
        using var author = await portal.CreateApiClientAsync("ca-withdrawn");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        (await author.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Withdrawn" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "One more thing" });

        await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Empty_oversized_and_misplaced_comments_are_refused()
    {
        using var author = await portal.CreateApiClientAsync("ca-bad");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "" }), HttpStatusCode.BadRequest);
        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = new string('x', 10_001) }), HttpStatusCode.BadRequest);
        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync("/api/proposals/999999/comments", new { body = "Hello?" }), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "Hello?", replyTo = 999999 }), HttpStatusCode.NotFound);
        await ProblemDetailsTests.ShouldBeProblem(await portal.CreateClient().PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "Anonymous" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Editing_keeps_the_history_and_only_the_author_may_edit()
    {
        using var author = await portal.CreateApiClientAsync("ca-edit");
        using var other = await portal.CreateApiClientAsync("ca-edit-other");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        var comment = await ProposalApi.CommentAsync(author, id, "Frist!");

        (await author.PutAsJsonAsync($"/api/proposals/{id}/comments/{comment}", new { body = "First!" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ProblemDetailsTests.ShouldBeProblem(await other.PutAsJsonAsync($"/api/proposals/{id}/comments/{comment}", new { body = "Mine now" }), HttpStatusCode.Forbidden);

        var item = (await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}/comments"))[0];
        item.GetProperty("body").GetString().ShouldBe("First!");
        item.GetProperty("editedAt").ValueKind.ShouldBe(JsonValueKind.String);
        item.GetProperty("earlierVersions")[0].GetProperty("html").GetString()!.ShouldContain("Frist!");
    }

    [Fact]
    public async Task A_hidden_comment_shows_its_reason_to_everyone_and_its_text_to_its_author_only()
    {
        using var author = await portal.CreateApiClientAsync("ca-hide-author");
        using var troll = await portal.CreateApiClientAsync("ca-troll");
        using var wg = await portal.CreateApiClientAsync("ca-hide-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        var comment = await ProposalApi.CommentAsync(troll, id, "You are all idiots");

        await ProblemDetailsTests.ShouldBeProblem(await author.PostAsJsonAsync($"/api/proposals/{id}/comments/{comment}/hide", new { reason = "Rude" }), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync($"/api/proposals/{id}/comments/{comment}/hide", new { reason = "" }), HttpStatusCode.BadRequest);
        (await wg.PostAsJsonAsync($"/api/proposals/{id}/comments/{comment}/hide", new { reason = "Personal attack" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var publicView = await portal.CreateClient().GetStringAsync(new Uri($"/api/proposals/{id}/comments", UriKind.Relative));
        publicView.ShouldContain("Personal attack");
        publicView.ShouldNotContain("idiots");
        var trollView = await troll.GetStringAsync(new Uri($"/api/proposals/{id}/comments", UriKind.Relative));
        trollView.ShouldContain("idiots");
        (await portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Comments, c => c.Id == comment))).ShouldBe(1);
    }

    [Fact]
    public async Task Mentions_link_to_the_person()
    {
        using var author = await portal.CreateApiClientAsync("ca-mention");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        await ProposalApi.CommentAsync(author, id, "What do you think, @lena-fischer? Mail me at me@example.org, not `@code`.");

        var html = (await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}/comments"))[0].GetProperty("html").GetString()!;

        html.ShouldContain("<a href=\"/people/lena-fischer\"");
        html.ShouldNotContain("/people/example");
        html.ShouldContain("<code>@code</code>");
    }
}
