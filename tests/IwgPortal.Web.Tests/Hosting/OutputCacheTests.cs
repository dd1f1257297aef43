using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Proposals;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// Anonymous reads come from the output cache; a write is visible to the next anonymous request;
/// a signed-in person's answer is never stored nor served from the cache, so nothing personal or
/// working-group-only reaches a visitor. "From the cache" is proven by the answer costing no SQL.
/// </summary>
public class OutputCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string MoveForm = "Move this proposal";

    [Fact]
    public async Task An_anonymous_page_comes_from_the_cache_and_a_new_comment_or_move_shows_at_once()
    {
        using var author = await portal.CreateApiClientAsync("cache-author");
        using var wg = await portal.CreateApiClientAsync("cache-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Cached proposal page"));
        var page = await PageOfAsync(author, id);
        using var visitor = portal.CreateClient();

        var (first, firstSql) = await SqlStatementCounter.GetAsync(visitor, page);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        firstSql.ShouldBeGreaterThan(0);
        var (second, secondSql) = await SqlStatementCounter.GetAsync(visitor, page);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        secondSql.ShouldBe(0, "the second anonymous request is served from the output cache");
        second.Headers.Age.ShouldNotBeNull();

        await ProposalApi.CommentAsync(author, id, "A comment written after the page was cached");
        (await visitor.GetStringAsync(new Uri(page, UriKind.Relative))).ShouldContain("A comment written after the page was cached");

        // A first-time visitor (no cookies kept, like wrk or a crawler) of a page with a thread is
        // given no cookie (no antiforgery token: visitors get no forms), so the page is cached for them too.
        using var firstTime = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var (fresh, _) = await SqlStatementCounter.GetAsync(firstTime, page);
        fresh.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await fresh.Content.ReadAsStringAsync()).ShouldContain("A comment written after the page was cached");
        (await SqlStatementCounter.GetAsync(firstTime, page)).Statements.ShouldBe(0);

        await ProposalApi.MoveAsync(wg, id, "UnderDiscussion", "Worth a discussion now");
        (await visitor.GetStringAsync(new Uri(page, UriKind.Relative))).ShouldContain("Worth a discussion now");
        var (_, cachedAgainSql) = await SqlStatementCounter.GetAsync(visitor, page);
        cachedAgainSql.ShouldBe(0);
    }

    [Fact]
    public async Task Anonymous_api_reads_and_lists_are_cached_and_follow_every_write()
    {
        using var author = await portal.CreateApiClientAsync("cache-api-author");
        using var follower = await portal.CreateApiClientAsync("cache-api-follower");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Cached proposal in the API"));
        using var visitor = portal.CreateClient();

        await visitor.GetStringAsync(new Uri($"/api/proposals/{id}/comments", UriKind.Relative));
        (await SqlStatementCounter.GetAsync(visitor, $"/api/proposals/{id}/comments")).Statements.ShouldBe(0);
        await ProposalApi.CommentAsync(author, id, "Fresh in the API");
        (await visitor.GetStringAsync(new Uri($"/api/proposals/{id}/comments", UriKind.Relative))).ShouldContain("Fresh in the API");

        // Following is written with plain SQL outside a transaction: it evicts too.
        var followers = await FollowersAsync(visitor, id);
        (await SqlStatementCounter.GetAsync(visitor, $"/api/proposals/{id}")).Statements.ShouldBe(0);
        (await follower.PutAsync(new Uri($"/api/proposals/{id}/follow", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await FollowersAsync(visitor, id)).ShouldBe(followers + 1);

        await visitor.GetStringAsync(new Uri("/proposals", UriKind.Relative));
        (await SqlStatementCounter.GetAsync(visitor, "/proposals")).Statements.ShouldBe(0);
        await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Newest proposal on the cached list"));
        (await visitor.GetStringAsync(new Uri("/proposals", UriKind.Relative))).ShouldContain("Newest proposal on the cached list");
    }

    [Fact]
    public async Task A_signed_in_page_is_never_cached_nor_served_to_visitors_and_visitors_never_see_working_group_content()
    {
        using var author = await portal.CreateApiClientAsync("cache-wg-page-author");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Seen by the working group first"));
        var page = await PageOfAsync(author, id);
        using var member = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(member, "lena-fischer");
        using var visitor = portal.CreateBrowserClient();

        // The member looks first and twice: both answers are computed for her, neither is stored.
        for (var i = 0; i < 2; i++)
        {
            var (response, statements) = await SqlStatementCounter.GetAsync(member, page);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain(MoveForm);
            html.ShouldContain("lena-fischer");
            statements.ShouldBeGreaterThan(0, "a signed-in request is never answered from the cache");
            response.Headers.Age.ShouldBeNull();
        }

        var (anonymous, anonymousSql) = await SqlStatementCounter.GetAsync(visitor, page);
        anonymousSql.ShouldBeGreaterThan(0, "the member's answer was not stored");
        var visitorHtml = await anonymous.Content.ReadAsStringAsync();
        visitorHtml.ShouldNotContain(MoveForm);
        visitorHtml.ShouldNotContain("lena-fischer");
        visitorHtml.ShouldNotContain("csrf-token");

        // Now the visitor's copy is cached; the member still gets her own page, not the visitor's.
        var (cached, cachedSql) = await SqlStatementCounter.GetAsync(visitor, page);
        cachedSql.ShouldBe(0);
        (await cached.Content.ReadAsStringAsync()).ShouldNotContain(MoveForm);
        var (again, againSql) = await SqlStatementCounter.GetAsync(member, page);
        againSql.ShouldBeGreaterThan(0);
        (await again.Content.ReadAsStringAsync()).ShouldContain(MoveForm);
    }

    [Fact]
    public async Task A_hidden_comment_text_seen_by_its_author_with_a_token_never_reaches_the_cached_anonymous_answer()
    {
        using var author = await portal.CreateApiClientAsync("cache-hidden-author");
        using var wg = await portal.CreateApiClientAsync("cache-hidden-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Proposal with a hidden comment"));
        var comment = await ProposalApi.CommentAsync(author, id, "Only my eyes should see this text");
        await ProposalApi.HideAsync(wg, id, comment, "Off topic");
        var path = $"/api/proposals/{id}/comments";

        for (var i = 0; i < 2; i++)
        {
            var (response, statements) = await SqlStatementCounter.GetAsync(author, path);
            (await response.Content.ReadAsStringAsync()).ShouldContain("Only my eyes should see this text");
            statements.ShouldBeGreaterThan(0, "a request with a token is never answered from the cache");
        }

        using var visitor = portal.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            var (response, statements) = await SqlStatementCounter.GetAsync(visitor, path);
            var json = await response.Content.ReadAsStringAsync();
            json.ShouldNotContain("Only my eyes should see this text");
            json.ShouldContain("Off topic");
            statements.ShouldBe(i == 0 ? statements : 0);
        }

        var (own, ownSql) = await SqlStatementCounter.GetAsync(author, path);
        (await own.Content.ReadAsStringAsync()).ShouldContain("Only my eyes should see this text");
        ownSql.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Anonymous_reads_are_compressed_and_signed_in_pages_are_not()
    {
        using var visitor = portal.CreateBrowserClient();
        using var member = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(member, "lena-fischer");

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/proposals");
            anonymous.Headers.AcceptEncoding.ParseAdd(encoding);
            using var compressed = await visitor.SendAsync(anonymous);
            compressed.Content.Headers.ContentEncoding.ShouldBe([encoding]);
        }

        using var plain = await visitor.GetAsync(new Uri("/proposals", UriKind.Relative));
        plain.Content.Headers.ContentEncoding.ShouldBeEmpty();
        (await plain.Content.ReadAsStringAsync()).ShouldContain("</html>");

        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/proposals");
        signedIn.Headers.AcceptEncoding.ParseAdd("br");
        using var uncompressed = await member.SendAsync(signedIn);
        uncompressed.Content.Headers.ContentEncoding.ShouldBeEmpty();
        (await uncompressed.Content.ReadAsStringAsync()).ShouldContain("csrf-token");
    }

    [Theory]
    [InlineData("SELECT p.id FROM proposals AS p", false)]
    [InlineData("-- tag\nSELECT 1", false)]
    [InlineData("UPDATE api_tokens SET last_used_at = @p0\nWHERE id = @p1;", false)]
    [InlineData("INSERT INTO data_protection_keys (friendly_name, xml)\nVALUES (@p0, @p1)\nRETURNING id;", false)]
    [InlineData("UPDATE api_tokens SET revoked_at = @p0\nWHERE id = @p1;\nINSERT INTO audit_events (at) VALUES (@p2);", true)]
    [InlineData("UPDATE api_tokens_shown SET x = 1", true)]
    [InlineData("UPDATE api_tokens SET revoked_at = @p0\nWHERE id = @p1;", true)]
    [InlineData("UPDATE api_tokens SET last_used_at = @p0, expires_at = @p1\nWHERE id = @p2;", true)]
    [InlineData("INSERT INTO comments (body) VALUES (@p0) RETURNING id;", true)]
    [InlineData("UPDATE proposals AS p SET comment_count = p.comment_count + 1", true)]
    [InlineData("DELETE FROM proposal_followers AS p WHERE p.proposal_id = @p", true)]
    public void Which_statements_evict_the_cache(string sql, bool evicts) =>
        IwgPortal.Web.Hosting.Caching.ContentChangeInterceptor.ChangesPublicContent(sql).ShouldBe(evicts);

    [Fact]
    public async Task A_visitor_s_comparison_of_two_revisions_is_served_from_the_cache_until_the_next_publication()
    {
        var id = await IwgPortal.Web.Tests.StatementsOfWork.SowApi.TwoRevisionsAsync(portal, "cache-sow", "Cached comparison");
        using var visitor = portal.CreateClient();
        var path = $"/sows/{id}/compare?from=1&to=2";
        (await visitor.GetAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode();

        var (again, statements) = await SqlStatementCounter.GetAsync(visitor, path);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("Cached comparison");
        statements.ShouldBe(0);
    }

    [Theory]
    [InlineData("/sows/3/compare", true)]
    [InlineData("/sows/3/revisions/2", true)]
    [InlineData("/sows/3", false)]
    [InlineData("/sows/3/rfp", false)]
    [InlineData("/sows/3/offers", false)]
    [InlineData("/sows/3/edit", false)]
    [InlineData("/sows/x/compare", false)]
    [InlineData("/sows/3/revisions/2/extra", false)]
    public void Only_published_sow_texts_are_cached_of_the_sow_pages(string path, bool cached) =>
        IwgPortal.Web.Hosting.Caching.AnonymousReadsPolicy.IsPublishedSowText(path).ShouldBe(cached);

    private static async Task<string> PageOfAsync(HttpClient client, int id)
    {
        var details = await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}");
        return $"/proposals/{id}/{details.GetProperty("slug").GetString()}";
    }

    private static async Task<int> FollowersAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("followerCount").GetInt32();
}
