using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Tests.Proposals;

public class ProposalApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_signed_in_person_proposes_and_anyone_reads_it()
    {
        using var author = await portal.CreateApiClientAsync("pa-author");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Decide on GitHub pull requests", services: ["code-review", "source-repository"]));

        using var anonymous = portal.CreateClient();
        var proposal = await anonymous.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");

        proposal.GetProperty("title").GetString().ShouldBe("Decide on GitHub pull requests");
        proposal.GetProperty("slug").GetString().ShouldBe("decide-on-github-pull-requests");
        proposal.GetProperty("state").GetString().ShouldBe("Submitted");
        proposal.GetProperty("authorLogin").GetString().ShouldBe("pa-author");
        proposal.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ShouldBe(["code-review", "source-repository"]);
        proposal.GetProperty("isFollowing").GetBoolean().ShouldBeFalse();
        proposal.GetProperty("followerCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Proposing_needs_a_sign_in()
    {
        using var anonymous = portal.CreateClient();
        await ProblemDetailsTests.ShouldBeProblem(await anonymous.PostAsJsonAsync("/api/proposals", ProposalApi.NewProposal()), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_fields_are_reported_per_field()
    {
        using var author = await portal.CreateApiClientAsync("pa-bad");
        var response = await author.PostAsJsonAsync("/api/proposals", new
        {
            title = new string('t', 161),
            problem = "",
            desiredOutcome = "x",
            changesWorkflow = false,
            links = new[] { "javascript:alert(1)" },
        });

        var errors = (await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("Title").EnumerateArray().ShouldNotBeEmpty();
        errors.GetProperty("Problem").EnumerateArray().ShouldNotBeEmpty();
        errors.EnumerateObject().ShouldContain(e => e.Name.StartsWith("Links", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_service_is_a_field_error()
    {
        using var author = await portal.CreateApiClientAsync("pa-service");
        var response = await author.PostAsJsonAsync("/api/proposals", ProposalApi.NewProposal(services: ["build-servers", "teleporter"]));

        var errors = (await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.GetProperty("Services")[0].GetString()!.ShouldContain("teleporter");
    }

    [Fact]
    public async Task The_same_submission_sent_twice_makes_one_proposal()
    {
        using var author = await portal.CreateApiClientAsync("pa-twice");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/proposals") { Content = JsonContent.Create(ProposalApi.NewProposal("Migrate Python 2 scripts")) };
            request.Headers.Add("Idempotency-Key", key);
            var response = await author.SendAsync(request);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }));

        responses.Select(r => r.Item2).Distinct().Count().ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        (await portal.WithDbAsync(db => db.Proposals.CountAsync(p => p.Title == "Migrate Python 2 scripts"))).ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_proposal_is_404_and_a_malformed_id_too()
    {
        using var client = portal.CreateClient();
        await ProblemDetailsTests.ShouldBeProblem(await client.GetAsync(new Uri("/api/proposals/999999", UriKind.Relative)), HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri("/api/proposals/abc", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(new Uri("/api/proposals/99999999999", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reads_carry_an_etag_that_changes_with_the_proposal()
    {
        using var author = await portal.CreateApiClientAsync("pa-etag");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        using var client = portal.CreateClient();

        var first = await client.GetAsync(new Uri($"/api/proposals/{id}", UriKind.Relative));
        var etag = first.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/proposals/{id}");
        conditional.Headers.IfNoneMatch.Add(etag);
        (await client.SendAsync(conditional)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        (await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "A change." })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/proposals/{id}");
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(again);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.Tag.ShouldNotBe(etag.Tag);
    }

    [Fact]
    public async Task A_working_group_member_moves_a_proposal_with_a_public_reason()
    {
        using var author = await portal.CreateApiClientAsync("pa-move-author");
        using var wg = await portal.CreateApiClientAsync("pa-move-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal(changesWorkflow: true));

        var moved = await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "UnderDiscussion", reason = "Worth a community discussion." });

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var proposal = await moved.Content.ReadFromJsonAsync<JsonElement>();
        proposal.GetProperty("state").GetString().ShouldBe("UnderDiscussion");
        proposal.GetProperty("consultationEndsAt").GetDateTimeOffset().ShouldBe(proposal.GetProperty("discussionStartedAt").GetDateTimeOffset().AddDays(14), TimeSpan.FromSeconds(1));
        var transition = proposal.GetProperty("transitions").EnumerateArray().Single();
        transition.GetProperty("reason").GetString().ShouldBe("Worth a community discussion.");
        transition.GetProperty("actorLogin").GetString().ShouldBe("pa-move-wg");

        var history = await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/audit?kind=proposal&recordId={id}");
        history.EnumerateArray().ShouldContain(e => e.GetProperty("changes").EnumerateArray().Any(c => c.GetProperty("field").GetString() == "state" && c.GetProperty("after").GetString() == "UnderDiscussion"));
    }

    [Fact]
    public async Task Details_show_every_move_in_order_and_who_follows()
    {
        using var author = await portal.CreateApiClientAsync("pa-history-author");
        using var wg = await portal.CreateApiClientAsync("pa-history-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        var fresh = await wg.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");
        fresh.GetProperty("transitions").GetArrayLength().ShouldBe(0);
        fresh.GetProperty("followerCount").GetInt32().ShouldBe(1);

        await ProposalApi.MoveAsync(wg, id, "UnderDiscussion", "Worth a community discussion.");
        (await author.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Withdrawn", reason = "Solved upstream." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wg.PutAsync($"/api/proposals/{id}/follow", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var seenByWg = await wg.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");
        var moves = seenByWg.GetProperty("transitions").EnumerateArray()
            .Select(t => (t.GetProperty("from").GetString(), t.GetProperty("to").GetString(), t.GetProperty("actorLogin").GetString(), t.GetProperty("reason").GetString()))
            .ToList();
        moves.ShouldBe([
            ("Submitted", "UnderDiscussion", "pa-history-wg", "Worth a community discussion."),
            ("UnderDiscussion", "Withdrawn", "pa-history-author", "Solved upstream."),
        ]);
        seenByWg.GetProperty("followerCount").GetInt32().ShouldBe(2);
        seenByWg.GetProperty("isFollowing").GetBoolean().ShouldBeTrue();
        seenByWg.GetProperty("state").GetString().ShouldBe("Withdrawn");
        (await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("isFollowing").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Moves_are_refused_clearly()
    {
        using var author = await portal.CreateApiClientAsync("pa-refuse-author");
        using var other = await portal.CreateApiClientAsync("pa-refuse-other");
        using var wg = await portal.CreateApiClientAsync("pa-refuse-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        await ProblemDetailsTests.ShouldBeProblem(await other.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "UnderDiscussion", reason = "Me too" }), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Withdrawn" }), HttpStatusCode.Forbidden);
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "UnderDiscussion" }), HttpStatusCode.BadRequest);
        var illegal = await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Accepted", reason = "Skip the discussion" });
        (await ProblemDetailsTests.ShouldBeProblem(illegal, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("cannot move");
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Sideways", reason = "?" }), HttpStatusCode.BadRequest);

        (await author.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Withdrawn" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterWithdrawal = await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "UnderDiscussion", reason = "Too late" });
        (await ProblemDetailsTests.ShouldBeProblem(afterWithdrawal, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("withdrawn");
    }

    [Fact]
    public async Task Two_working_group_members_moving_at_once_one_wins_and_the_other_gets_a_conflict()
    {
        using var author = await portal.CreateApiClientAsync("pa-race-author");
        using var first = await portal.CreateApiClientAsync("pa-race-wg1", Role.WorkingGroupMember);
        using var second = await portal.CreateApiClientAsync("pa-race-wg2", Role.Chair);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        var discussion = await first.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "UnderDiscussion", reason = "Discuss" });
        var version = (await discussion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetUInt32();

        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Accepted", reason = "Yes", version }),
            second.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "Declined", reason = "No", version }));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        var decided = await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");
        decided.GetProperty("transitions").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Following_is_idempotent()
    {
        using var author = await portal.CreateApiClientAsync("pa-follow-author");
        using var fan = await portal.CreateApiClientAsync("pa-follow-fan");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        (await fan.PutAsync(new Uri($"/api/proposals/{id}/follow", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fan.PutAsync(new Uri($"/api/proposals/{id}/follow", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var proposal = await fan.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");
        proposal.GetProperty("followerCount").GetInt32().ShouldBe(2);
        proposal.GetProperty("isFollowing").GetBoolean().ShouldBeTrue();

        (await fan.DeleteAsync(new Uri($"/api/proposals/{id}/follow", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fan.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("followerCount").GetInt32().ShouldBe(1);
        await ProblemDetailsTests.ShouldBeProblem(await fan.PutAsync(new Uri("/api/proposals/999999/follow", UriKind.Relative), null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_comment_between_reading_and_moving_does_not_make_the_move_conflict()
    {
        using var author = await portal.CreateApiClientAsync("pa-comment-race");
        using var wg = await portal.CreateApiClientAsync("pa-comment-race-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        var version = (await wg.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("version").GetUInt32();

        (await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "Meanwhile, a comment." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var moved = await wg.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { to = "UnderDiscussion", reason = "Discuss", version });

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_nul_character_is_a_400_not_a_500()
    {
        using var author = await portal.CreateApiClientAsync("pa-nul");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());

        var comment = await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "nul\u0000byte" });
        var search = await author.GetAsync(new Uri("/api/proposals?q=nul%00byte", UriKind.Relative));

        ((int)comment.StatusCode).ShouldBeInRange(400, 409);
        search.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
