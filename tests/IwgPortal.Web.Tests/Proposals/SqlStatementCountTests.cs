using System.Net;
using System.Net.Http.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Hosting.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace IwgPortal.Web.Tests.Proposals;

/// <summary>
/// At most four SQL statements per request, whatever the amount of data: an N+1 query fails here.
/// A count, not a time (times are measured by tests/IwgPortal.Benchmarks). Measured without the
/// caches (output cache, per-state counts), which only ever lower the count.
/// </summary>
public class SqlStatementCountTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const int Limit = 4;

    [Fact]
    public async Task Api_reads_stay_within_four_statements_independent_of_data_size()
    {
        using var author = await portal.CreateApiClientAsync("sql-author");
        using var wg = await portal.CreateApiClientAsync("sql-wg", Role.WorkingGroupMember);
        var small = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Small", services: ["forum"]));
        // The same shape as the big one (an edited comment, whose earlier version is read too), only less of it.
        var one = await (await author.PostAsJsonAsync($"/api/proposals/{small}/comments", new { body = "One comment" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await author.PutAsJsonAsync($"/api/proposals/{small}/comments/{one.GetProperty("id").GetInt32()}", new { body = "One comment, edited" });
        var before = await CountsAsync(small);

        var big = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Big", services: ["forum", "chat", "web-sites"]));
        await wg.PostAsJsonAsync($"/api/proposals/{big}/transitions", new { to = "UnderDiscussion", reason = "Talk" });
        for (var i = 0; i < 12; i++)
        {
            var created = await (await wg.PostAsJsonAsync($"/api/proposals/{big}/comments", new { body = $"Thread {i}" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            var id = created.GetProperty("id").GetInt32();
            await author.PostAsJsonAsync($"/api/proposals/{big}/comments", new { body = $"Reply {i}", replyTo = id });
            await wg.PutAsJsonAsync($"/api/proposals/{big}/comments/{id}", new { body = $"Thread {i}, edited" });
        }

        for (var i = 0; i < 10; i++)
        {
            await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal($"Filler {i}", services: ["chat"]));
        }

        var after = await CountsAsync(big);

        foreach (var (path, count) in after)
        {
            count.ShouldBeLessThanOrEqualTo(Limit, path);
            count.ShouldBe(before[path], path);
        }
    }

    [Fact]
    public async Task An_api_token_costs_one_statement_for_the_token_its_person_and_their_roles()
    {
        using var reader = await portal.CreateApiClientAsync("sql-token-reader", Role.BoardMember);
        var id = await ProposalApi.SubmitAsync(reader, ProposalApi.NewProposal("Read with a token", services: ["chat"]));
        await reader.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "A comment" });

        var anonymous = await CountsAsync(id);
        var withToken = await CountsAsync(id, reader);

        foreach (var (path, count) in withToken)
        {
            count.ShouldBe(anonymous[path] + 1, path);
        }
    }

    [Fact]
    public async Task A_token_holder_s_reads_stay_within_four_statements_once_the_public_data_are_cached()
    {
        // Token requests are never output-cached, so this is what every API client and signed-in reader pays.
        using var reader = await portal.CreateApiClientAsync("sql-warm-reader");
        var id = await ProposalApi.SubmitAsync(reader, ProposalApi.NewProposal("Read often", services: ["chat"]));
        await reader.PostAsJsonAsync($"/api/proposals/{id}/comments", new { body = "A comment" });

        var counts = await CountsAsync(id, reader, warm: true);
        foreach (var (path, count) in counts)
        {
            count.ShouldBeLessThanOrEqualTo(Limit, path);
        }

        // The proposal and its thread: a proposal that is not accepted has no statement of work to look
        // for, and the token is in the access cache (ADR 9).
        counts["detail page"].ShouldBe(2);
        counts["detail"].ShouldBe(1);
    }

    private async Task<Dictionary<string, int>> CountsAsync(int proposalId, HttpClient? reader = null, bool warm = false)
    {
        using var anonymous = portal.CreateClient();
        var client = reader ?? anonymous;
        var result = new Dictionary<string, int>();
        var slug = (await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/proposals/{proposalId}")).GetProperty("slug").GetString();
        foreach (var (key, path) in new[]
        {
            ("list", "/api/proposals"),
            ("search", "/api/proposals?q=comment"),
            ("filtered", "/api/proposals?service=chat&state=Submitted"),
            ("detail", $"/api/proposals/{proposalId}"),
            ("comments", $"/api/proposals/{proposalId}/comments"),
            ("services", "/api/services"),
            ("home page", "/"),
            ("list page", "/proposals"),
            ("detail page", $"/proposals/{proposalId}/{slug}"),
        })
        {
            if (warm)
            {
                (await client.GetAsync(path)).EnsureSuccessStatusCode();
            }
            else
            {
                // Each request computed in full: no cached answer, no cached per-state counts (a cache hit would count fewer).
                await portal.Services.GetRequiredService<PublicContent>().ChangedAsync();
            }

            var (response, statements) = await SqlStatementCounter.GetAsync(client, path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            if (!warm)
            {
                // Counting works: a cold request reads something. (Warm, the service list reads nothing at all.)
                statements.ShouldBeGreaterThan(0, path);
            }

            result[key] = statements;
        }

        return result;
    }
}
