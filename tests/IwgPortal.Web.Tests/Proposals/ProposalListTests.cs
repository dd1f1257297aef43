using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;

namespace IwgPortal.Web.Tests.Proposals;

public class ProposalListTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>("/api/proposals?" + query);

    private static int[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];

    [Fact]
    public async Task Search_finds_words_in_the_title_and_in_the_body_with_stemming()
    {
        using var author = await portal.CreateApiClientAsync("pl-search");
        var byTitle = await ProposalApi.SubmitAsync(author, new { title = "Treeherder dashboard for buildbots", problem = "Results are scattered.", desiredOutcome = "One view.", changesWorkflow = false });
        var byBody = await ProposalApi.SubmitAsync(author, new { title = "Windows setup", problem = "The GnuWin32 instructions are deprecated.", desiredOutcome = "Copy-paste installation.", changesWorkflow = false });
        using var client = portal.CreateClient();

        Ids(await ListAsync(client, "author=pl-search&q=treeherder")).ShouldBe([byTitle]);
        Ids(await ListAsync(client, "author=pl-search&q=gnuwin32")).ShouldBe([byBody]);
        Ids(await ListAsync(client, "author=pl-search&q=instruction")).ShouldContain(byBody);
        Ids(await ListAsync(client, "author=pl-search&q=" + Uri.EscapeDataString("\"copy-paste installation\""))).ShouldBe([byBody]);
        Ids(await ListAsync(client, "author=pl-search&q=zeppelin")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Filters_combine_and_counts_per_state_ignore_the_state_filter()
    {
        using var author = await portal.CreateApiClientAsync("pl-filter");
        using var wg = await portal.CreateApiClientAsync("pl-filter-wg", Role.WorkingGroupMember);
        var chat = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Bridge IRC and Discord", changesWorkflow: true, services: ["chat"]));
        var forum = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Forum single sign-on", services: ["forum"]));
        await wg.PostAsJsonAsync($"/api/proposals/{forum}/transitions", new { to = "UnderDiscussion", reason = "Let's talk" });
        using var client = portal.CreateClient();

        Ids(await ListAsync(client, "author=pl-filter&service=chat")).ShouldBe([chat]);
        Ids(await ListAsync(client, "author=pl-filter&changesWorkflow=true")).ShouldBe([chat]);
        Ids(await ListAsync(client, "author=pl-filter&state=UnderDiscussion")).ShouldBe([forum]);
        var counts = (await ListAsync(client, "author=pl-filter&state=UnderDiscussion")).GetProperty("countByState");
        counts.GetProperty("Submitted").GetInt32().ShouldBe(1);
        counts.GetProperty("UnderDiscussion").GetInt32().ShouldBe(1);
        Ids(await ListAsync(client, "author=pl-filter&service=no-such-service")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Paging_returns_every_row_exactly_once_while_rows_are_being_inserted()
    {
        using var author = await portal.CreateApiClientAsync("pl-paging");
        var original = new List<int>();
        for (var i = 0; i < 23; i++)
        {
            original.Add(await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal($"Paging proposal {i}")));
        }

        using var client = portal.CreateClient();
        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(client, "author=pl-paging&pageSize=5" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
            await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal($"Inserted while paging {pages}"));
            pages++;
        }
        while (cursor is not null && pages < 20);

        seen.ShouldBeUnique();
        seen.ShouldBe(original.OrderByDescending(id => id).ToList());
        pages.ShouldBe(5);
    }

    [Fact]
    public async Task The_most_discussed_order_pages_through_ties_without_losing_rows()
    {
        using var author = await portal.CreateApiClientAsync("pl-discussed");
        var ids = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal($"Discussed {i}"));
            for (var c = 0; c < i % 3; c++)
            {
                (await author.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = $"Comment {c}" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            }

            ids.Add(id);
        }

        using var client = portal.CreateClient();
        var seen = new List<(int Id, int Comments)>();
        string? cursor = null;
        do
        {
            var page = await ListAsync(client, "author=pl-discussed&sort=MostDiscussed&pageSize=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetInt32(), i.GetProperty("commentCount").GetInt32())));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (cursor is not null);

        seen.Select(s => s.Id).ShouldBe(ids, ignoreOrder: true);
        seen.Select(s => s.Comments).ShouldBeInOrder(SortDirection.Descending);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_cursor_is_a_clear_400(string cursor)
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/api/proposals?cursor=" + cursor, UriKind.Relative));

        var problem = await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("Cursor")[0].GetString()!.ShouldContain("not valid");
    }

    [Fact]
    public async Task A_cursor_of_another_sort_order_is_refused()
    {
        using var author = await portal.CreateApiClientAsync("pl-cursor-sort");
        for (var i = 0; i < 3; i++)
        {
            await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal($"Cursor {i}"));
        }

        using var client = portal.CreateClient();
        var cursor = (await ListAsync(client, "author=pl-cursor-sort&pageSize=1")).GetProperty("nextCursor").GetString()!;
        var response = await client.GetAsync(new Uri("/api/proposals?sort=MostDiscussed&cursor=" + Uri.EscapeDataString(cursor), UriKind.Relative));

        await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1000")]
    [InlineData("state=Exploded")]
    [InlineData("sort=Randomly")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/api/proposals?" + query, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
