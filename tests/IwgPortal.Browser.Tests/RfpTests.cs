using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Browser.Tests.Infrastructure;
using IwgPortal.Domain.Membership;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class RfpTests(PortalBrowser world) : BrowserTest(world)
{
    /// <summary>An SOW in Sourcing on the RFP route with an RFP open for a week, set up through the API as a script would.</summary>
    private async Task<int> OpenRfpAsync()
    {
        using var wg = await World.Portal.CreateApiClientAsync("rfp-browser-wg", Role.WorkingGroupMember);
        var proposal = await IdAsync(await wg.PostAsJsonAsync("/api/proposals", new
        {
            title = "Staged builds",
            problem = "Every commit runs the expensive builds.",
            desiredOutcome = "Cheap builds first.",
            changesWorkflow = false,
            services = new[] { "build-servers" },
        }));
        (await wg.PostAsJsonAsync($"/api/proposals/{proposal}/transitions", new { to = "UnderDiscussion", reason = "Discuss" })).EnsureSuccessStatusCode();
        (await wg.PostAsJsonAsync($"/api/proposals/{proposal}/transitions", new { to = "Accepted", reason = "Agreed" })).EnsureSuccessStatusCode();
        var sow = await IdAsync(await wg.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { proposal }, title = "Staged builds by contract" }));
        var version = (await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{sow}")).GetProperty("version").GetUInt32();
        var content = new
        {
            title = "Staged builds by contract",
            problem = "Expensive builds run on every commit.",
            workMode = "Two-week iterations with the WG.",
            requiredSkills = "Buildbot, Python 3.",
            functionalRequirements = "Cheap builds gate expensive ones.",
            nonFunctionalRequirements = "No extra queue time at peak.",
            workItems = new[] { new { key = "w1", title = "Staged pipeline", description = "Split builders into stages.", criteria = new[] { new { key = "c1", text = "Expensive builders run only after cheap ones pass." } } } },
            objectives = new[] { new { key = "s1", serviceSlug = "build-servers", target = "≥ 99.5 %", window = "30 days", measurement = "probes" } },
            serviceSlugs = new[] { "build-servers" },
            route = "RequestForProposals",
        };
        (await wg.PutAsJsonAsync($"/api/sows/{sow}/draft", new { content, version })).EnsureSuccessStatusCode();
        (await wg.PostAsync(new Uri($"/api/sows/{sow}/publish", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await wg.PostAsJsonAsync($"/api/sows/{sow}/transitions", new { to = "Sourcing", reason = "Ask for offers" })).EnsureSuccessStatusCode();
        await IdAsync(await wg.PostAsJsonAsync($"/api/sows/{sow}/rfp", new
        {
            deadline = World.Clock.GetUtcNow().AddDays(7),
            criteria = new[] { new { name = "Price", weight = 3 }, new { name = "Approach", weight = 1 } },
        }));
        return sow;
    }

    private static async Task<int> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task A_contractor_submits_an_offer_a_member_cannot_open_it_before_the_deadline_and_scores_it_after()
    {
        var sow = await OpenRfpAsync();

        // Ken, a contractor, finds the RFP and submits an offer.
        await SignInAsDemoPersonAsync("ken-sato");
        await Page.GotoAsync($"/sows/{sow}/rfp");
        await Expect(Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Sealed: offers can be read after");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Submit an offer" }).ClickAsync();
        await Page.GetByLabel("Organisation").FillAsync("Sato Builds");
        await Page.GetByLabel("Approach").FillAsync("Staged Buildbot builders, cheap ones first.");
        await Page.GetByLabel("Schedule").FillAsync("Six weeks.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit the offer" }).ClickAsync();
        // The price was forgotten: the page says so and keeps every word typed.
        await Expect(Page.Locator(".field-error").First).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Approach")).ToHaveValueAsync("Staged Buildbot builders, cheap ones first.");
        await Page.GetByLabel("Price").FillAsync("12500");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit the offer" }).ClickAsync();
        var own = Page.Locator("#own");
        await Expect(own.Locator(".price")).ToHaveTextAsync("EUR 12,500");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Withdraw this offer" })).ToBeVisibleAsync();
        await Problems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(Page, "rfp-offer-contractor");

        // Lena, of the working group, cannot open it before the deadline: not even the count.
        await Context.ClearCookiesAsync();
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync($"/sows/{sow}/offers");
        await Expect(Page.GetByText("Offers are sealed until")).ToBeVisibleAsync();
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("Sato Builds");
        await Expect(Page.Locator("body")).Not.ToContainTextAsync("12,500");
        await Expect(Page.Locator("#ranking")).ToHaveCountAsync(0);
        await Problems.ShouldBeNoneAsync();

        // A week and a day later the deadline has passed: she reads the offer and scores it.
        World.Clock.Advance(TimeSpan.FromDays(8));
        await Page.GotoAsync($"/sows/{sow}/rfp");
        await Expect(Page.Locator(".countdown.closed")).ToContainTextAsync("1 offer was received");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Offers and ranking" }).ClickAsync();
        var card = Page.Locator(".offer-card").Filter(new() { HasTextString = "Sato Builds" });
        await Expect(card.Locator(".price")).ToHaveTextAsync("EUR 12,500");
        await card.GetByLabel("Price", new() { Exact = true }).FillAsync("8");
        await card.GetByLabel("Approach", new() { Exact = true }).FillAsync("9");
        await card.GetByLabel("Note on Approach").FillAsync("Clear staging plan.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Save my scores" }).ClickAsync();
        var ranking = Page.Locator("#ranking tbody tr").First;
        await Expect(ranking).ToContainTextAsync("Sato Builds");
        await Expect(ranking).ToContainTextAsync("8.25");
        await Expect(Page.Locator(".offer-card").First.GetByLabel("Approach", new() { Exact = true })).ToHaveValueAsync("9");
        await Problems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(Page, "rfp-offers-working-group");
        await Page.GotoAsync($"/sows/{sow}/rfp");
        await Screenshots.SaveAsync(Page, "rfp-public");
        await Problems.ShouldBeNoneAsync();
    }

    [Fact]
    public async Task On_the_demo_rfp_a_member_reads_the_ranking_and_a_conflicted_member_sees_no_offer()
    {
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync("/sows");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Multi-stage CI: cheap builds first" }).ClickAsync();
        await Expect(Page.Locator("#delivery")).ToContainTextAsync("3 offers");
        await Screenshots.SaveAsync(Page, "sow-delivery-rfp");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Read the request for proposals" }).ClickAsync();
        await Expect(Page.Locator("#conflicts")).ToContainTextAsync("Lind & Co");
        await Screenshots.SaveAsync(Page, "rfp-demo-public");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Offers and ranking" }).ClickAsync();
        await Expect(Page.Locator("#ranking tbody tr")).ToHaveCountAsync(3);
        await Expect(Page.Locator(".offer-card")).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(Page, "rfp-demo-offers-working-group");
        await Problems.ShouldBeNoneAsync();

        var offers = new Uri(Page.Url).AbsolutePath;
        await Context.ClearCookiesAsync();
        await SignInAsDemoPersonAsync("tom-becker");
        await Page.GotoAsync(offers);
        await Expect(Page.GetByText("You declared a conflict of interest on this RFP; you cannot see or score its offers.")).ToBeVisibleAsync();
        await Expect(Page.Locator("#ranking")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".offer-card")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, "rfp-offers-conflicted");
        await Problems.ShouldBeNoneAsync();
    }
}
