using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Hosting.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using IwgPortal.Web.Tests.Proposals;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// The service catalogue and the home page's summary are kept until the next write and served to
/// signed-in people too (no output cache for them): a write must show at once on their next read,
/// and a repeated read must not ask the database for them again.
/// </summary>
public class PublicDataCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_renamed_service_shows_at_once_in_the_proposals_that_name_it_for_a_token_holder()
    {
        using var wg = await portal.CreateApiClientAsync("pdc-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(wg, ProposalApi.NewProposal("Names the wiki", services: ["code-review"]));
        (await ServiceNamesOfAsync(wg, id)).ShouldBe(["Code review"]);

        var wiki = await wg.GetFromJsonAsync<JsonElement>("/api/services/code-review");
        (await wg.PutAsJsonAsync("/api/services/code-review", new
        {
            kind = wiki.GetProperty("kind").GetString(),
            name = "Code review (Gerrit)",
            description = wiki.GetProperty("description").GetString(),
            @operator = wiki.GetProperty("operator").GetString(),
            documentationUrl = (string?)null,
            version = wiki.GetProperty("version").GetUInt32(),
        })).EnsureSuccessStatusCode();

        (await ServiceNamesOfAsync(wg, id)).ShouldBe(["Code review (Gerrit)"]);
        var list = await wg.GetFromJsonAsync<JsonElement>("/api/proposals?service=code-review");
        list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == id)
            .GetProperty("services")[0].GetProperty("name").GetString().ShouldBe("Code review (Gerrit)");
        (await wg.GetFromJsonAsync<JsonElement>("/api/services")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldContain("Code review (Gerrit)");
    }

    [Fact]
    public async Task A_signed_in_home_page_shows_a_move_at_once_and_asks_the_database_for_its_summary_once_per_write()
    {
        using var author = await portal.CreateApiClientAsync("pdc-author");
        using var wg = await portal.CreateApiClientAsync("pdc-home-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal("Home summary after a move"));
        var (first, _) = await SqlStatementCounter.GetAsync(author, "/");
        (await first.Content.ReadAsStringAsync()).ShouldNotContain("Home summary after a move");

        await ProposalApi.MoveAsync(wg, id, "UnderDiscussion", "Let us talk");
        var (moved, movedSql) = await SqlStatementCounter.GetAsync(author, "/");
        (await moved.Content.ReadAsStringAsync()).ShouldContain("Home summary after a move");
        var (again, againSql) = await SqlStatementCounter.GetAsync(author, "/");
        (await again.Content.ReadAsStringAsync()).ShouldContain("Home summary after a move");

        // Neither the summary nor the token (in the access cache since the last write) is read again.
        againSql.ShouldBe(0);
        movedSql.ShouldBeGreaterThan(againSql);
    }

    [Fact]
    public async Task Past_its_lifetime_one_reader_reloads_while_the_others_get_the_kept_value_and_a_write_serves_nothing_old()
    {
        // A clock the test moves, so a busy machine cannot carry the kept value past its second lifetime.
        var clock = new FakeTimeProvider();
        using var cache = new PublicDataCache(portal.Services.GetRequiredService<PublicContent>(), new PublicCacheOptions { Seconds = 1 }, clock);
        var key = new { data = "counts", test = Guid.NewGuid() };
        (await cache.GetOrLoadAsync(key, _ => Task.FromResult(1), CancellationToken.None)).ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(1.5));

        var reload = new TaskCompletionSource<int>();
        var reloading = cache.GetOrLoadAsync(key, _ => reload.Task, CancellationToken.None).AsTask();
        var meanwhile = await cache.GetOrLoadAsync(key, _ => Task.FromResult(99), CancellationToken.None);
        reload.SetResult(2);

        meanwhile.ShouldBe(1);
        (await reloading).ShouldBe(2);
        (await cache.GetOrLoadAsync(key, _ => Task.FromResult(99), CancellationToken.None)).ShouldBe(2);

        await portal.Services.GetRequiredService<PublicContent>().ChangedAsync();
        (await cache.GetOrLoadAsync(key, _ => Task.FromResult(3), CancellationToken.None)).ShouldBe(3);
    }

    private static async Task<string?[]> ServiceNamesOfAsync(HttpClient client, int id) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString())];
}
