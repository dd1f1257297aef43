using System.Net.Http.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.StatementsOfWork;

namespace IwgPortal.Web.Tests.Security;

/// <summary>
/// Canary strings in what only some may read, then a crawl of everything others can reach:
/// pages, every API read, feeds, the audit trail, and the application log at Debug level.
/// </summary>
public sealed class ConfidentialityTests : IAsyncLifetime
{
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = PortalFactory.Create(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task An_unpublished_draft_reaches_nobody_outside_the_working_group()
    {
        var canary = "canary-draft-" + Guid.NewGuid().ToString("N")[..12];
        var (wg, id) = await SowApi.NewDraftAsync(_portal, "conf-draft");
        var draft = await wg.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/sows/{id}");
        (await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content = SowApi.Content(nonFunctional: canary), version = draft.GetProperty("version").GetUInt32() }))
            .EnsureSuccessStatusCode();
        using var community = await _portal.CreateApiClientAsync("conf-draft-community");
        using var contractor = await _portal.CreateApiClientAsync("conf-draft-contractor", Role.Contractor);

        foreach (var (who, client) in new[] { ("anonymous", _portal.CreateClient()), ("community member", community), ("contractor", contractor) })
        {
            var crawl = await new ConfidentialityCrawl(client).PagesAsync("/", "/sows", $"/sows/{id}", "/proposals", "/audit", "/proposals/feed")
                .ContinueWith(t => t.Result.ApiAsync(Ids(id)), TaskScheduler.Default).Unwrap();
            crawl.Bodies.Count.ShouldBeGreaterThan(20, $"the crawl as {who} reached too little to mean anything");
            crawl.Containing(canary).ShouldBeEmpty($"{who} read the draft");
        }

        // The same crawl as the working group finds it: the canary and the crawl work.
        (await new ConfidentialityCrawl(wg).ApiAsync(Ids(id))).Containing(canary).ShouldNotBeEmpty();
        _portal.Log.Text.ShouldContain($"/api/sows/{id}/comments", Case.Sensitive, "the log capture saw the crawl's requests");
        _portal.Log.Text.ShouldNotContain(canary);
    }

    private static Dictionary<string, IReadOnlyList<string>> Ids(int sowId) => new()
    {
        ["id"] = [sowId.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"],
        ["number"] = ["1"],
    };
}
