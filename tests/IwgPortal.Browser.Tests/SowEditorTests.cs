using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IwgPortal.Browser.Tests.Infrastructure;
using IwgPortal.Domain.Membership;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class SowEditorTests(PortalBrowser world) : BrowserTest(world)
{
    private const string ProposalTitle = "Migrate Python 2 scripts to Python 3";

    [Fact]
    public async Task A_member_drafts_survives_a_reload_publishes_twice_and_a_visitor_compares_the_revisions()
    {
        // Lena starts a statement of work from the accepted proposal's page.
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync("/proposals?state=Accepted");
        await Page.GetByRole(AriaRole.Link, new() { Name = ProposalTitle }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Start a statement of work" }).ClickAsync();
        await Expect(Page.GetByLabel(ProposalTitle)).ToBeCheckedAsync();
        await Page.Locator("#new-title").FillAsync("Python 3 for the build scripts");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Start the draft" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/sows/\d+/edit(#.*)?$"));
        var sowPath = new Uri(Page.Url).AbsolutePath.Replace("/edit", string.Empty, StringComparison.Ordinal);
        await Expect(Page.Locator("#sow-problem")).ToHaveValueAsync(new Regex("python2"));

        // She writes the sections and two work items.
        await Page.Locator("#sow-work-mode").FillAsync("Two-week iterations with a check-in at the end of each.");
        await Page.Locator("#sow-required-skills").FillAsync("Python 2 and 3, shell.");
        await Page.Locator("#sow-functional").FillAsync("Every script runs on **Python 3.11**.");
        await Expect(Page.Locator("#sow-functional-preview strong")).ToHaveTextAsync("Python 3.11");
        await Page.GetByRole(AriaRole.Button, new() { Name = "+ Work item" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "+ Work item" }).ClickAsync();
        var items = Page.Locator("[data-item]");
        await Expect(items).ToHaveCountAsync(2);
        await items.Nth(0).Locator("[data-f=Title]").FillAsync("Inventory the scripts");
        await items.Nth(0).Locator("[data-criterion] [data-f=Text]").FillAsync("Every script is listed with its owner.");
        await items.Nth(1).Locator("[data-f=Title]").FillAsync("Port and test");
        await items.Nth(1).Locator("[data-f=Description]").FillAsync("Port each script and add a smoke test.");
        await items.Nth(1).Locator("[data-criterion] [data-f=Text]").FillAsync("All smoke tests pass on Python 3.11.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "+ Objective" }).ClickAsync();
        var objective = Page.Locator("[data-objective]").First;
        await objective.Locator("[data-f=ServiceSlug]").SelectOptionAsync("build-system");
        await objective.Locator("[data-f=Target]").FillAsync("≥ 99 %");
        await objective.Locator("[data-f=Window]").FillAsync("30 days");
        await objective.Locator("[data-f=Measurement]").FillAsync("Build success rate of the nightly run");
        await Page.GetByLabel("Volunteers").CheckAsync();
        await Page.Locator("#sow-non-functional").FillAsync("No script takes more than a minute.");

        // Interrupted before the autosave: the reload keeps every word.
        await Page.ReloadAsync();
        await Expect(Page.Locator("#sow-non-functional")).ToHaveValueAsync("No script takes more than a minute.");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(1).Locator("[data-f=Title]")).ToHaveValueAsync("Port and test");
        await Expect(items.Nth(1).Locator("[data-criterion] [data-f=Text]")).ToHaveValueAsync("All smoke tests pass on Python 3.11.");
        await Expect(Page.Locator("[data-save-status]")).ToContainTextAsync("Saved");
        await Expect(Page.Locator("[data-complete]")).ToBeVisibleAsync();
        await Problems.ShouldBeNoneAsync();
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Screenshots.SaveAsync(Page, "sow-editor", height: 1150);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish revision 1" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(sowPath) + "/revisions/1$"));
        await Expect(Page.Locator("code.sha")).ToHaveTextAsync(new Regex("^[0-9a-f]{64}$"));

        // She reopens the draft, tightens a requirement and publishes again.
        await Page.GotoAsync(sowPath + "/edit");
        await Page.GetByLabel("Public reason").FillAsync("A minute is too long for the pre-commit hooks.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Back to Draft" }).ClickAsync();
        await Page.Locator("#sow-non-functional").FillAsync("No script takes more than ten seconds.");
        await Expect(Page.Locator("[data-save-status]")).ToContainTextAsync("Saved");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish revision 2" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(sowPath) + "/revisions/2$"));
        await Page.GotoAsync(sowPath);
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Move this statement of work (working group)" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "sow-detail-working-group");
        await Problems.ShouldBeNoneAsync();

        // A visitor compares the two revisions.
        var context = await World.NewContextAsync();
        await context.AddInitScriptAsync(PageProblems.InitScript);
        var visitor = await context.NewPageAsync();
        var visitorProblems = PageProblems.Watch(visitor);
        await visitor.GotoAsync("/sows");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Python 3 for the build scripts" }).ClickAsync();
        await Expect(visitor.Locator("#timeline")).ToContainTextAsync("A minute is too long for the pre-commit hooks.");
        await Screenshots.SaveAsync(visitor, "sow-detail");
        await visitor.GetByLabel("From revision").SelectOptionAsync("1");
        await visitor.GetByLabel("To revision").SelectOptionAsync("2");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex(Regex.Escape(sowPath) + @"/compare\?from=1&to=2$"));
        var change = visitor.GetByRole(AriaRole.Region, new() { Name = "Non-functional requirements" });
        await Expect(change.Locator("ins")).ToHaveTextAsync("ten seconds.");
        await Expect(change.Locator("del")).ToHaveTextAsync("a minute.");
        await visitorProblems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(visitor, "sow-compare");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_member_is_warned_when_another_saved_meanwhile_and_merges_without_losing_either_text()
    {
        var id = await NewDraftAsync("Merge two editors", []);
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync($"/sows/{id}/edit");

        var context = await World.NewContextAsync();
        await context.AddInitScriptAsync(PageProblems.InitScript);
        var priya = await context.NewPageAsync();
        var priyaProblems = PageProblems.Watch(priya);
        await priya.GotoAsync("/account/demo");
        await priya.Locator("button.choice").Filter(new() { HasText = "@priya-raman" }).ClickAsync();
        await Expect(priya.Locator("details.menu > summary")).ToHaveTextAsync("priya-raman");
        await priya.GotoAsync($"/sows/{id}/edit");

        // Priya saves first...
        await priya.Locator("#sow-required-skills").FillAsync("Priya: Buildbot configuration.");
        await Expect(priya.Locator("[data-save-status]")).ToContainTextAsync("Saved");

        // ...so Lena's autosave meets her newer version and is refused, not applied.
        await Page.Locator("#sow-work-mode").FillAsync("Lena: weekly check-ins.");
        await Expect(Page.Locator("[data-save-status]")).ToHaveTextAsync("Another member saved meanwhile — review and merge");
        var theirs = Page.Locator("#sec-required-skills .theirs");
        await Expect(theirs).ToContainTextAsync("Priya: Buildbot configuration.");
        await Expect(Page.Locator("#sow-work-mode")).ToHaveValueAsync("Lena: weekly check-ins.");
        await Screenshots.SaveAsync(Page, "sow-editor-merge");

        await theirs.GetByRole(AriaRole.Button, new() { Name = "Take theirs" }).ClickAsync();
        await Page.Locator("#sec-work-mode .theirs").GetByRole(AriaRole.Button, new() { Name = "Keep mine" }).ClickAsync();
        await Expect(Page.Locator("[data-save-status]")).ToContainTextAsync("Saved");
        await Expect(Page.Locator("#sow-required-skills")).ToHaveValueAsync("Priya: Buildbot configuration.");

        var draft = await DraftAsync(id);
        draft.GetProperty("requiredSkills").GetString().ShouldBe("Priya: Buildbot configuration.");
        draft.GetProperty("workMode").GetString().ShouldBe("Lena: weekly check-ins.");

        // The refused save is the only complaint in the console: the browser logs the 409 itself.
        Problems.Errors.Where(e => !e.Contains("409", StringComparison.Ordinal)).ShouldBeEmpty();
        (await Problems.CspViolationsAsync()).ShouldBeEmpty();
        await priyaProblems.ShouldBeNoneAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_draft_reopened_after_its_autosave_says_it_is_saved_not_how_to_save_without_the_script()
    {
        var id = await NewDraftAsync("Leave and come back", []);
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync($"/sows/{id}/edit");
        var status = Page.Locator("[data-save-status]");
        await Expect(status).ToHaveTextAsync("Saved. Changes save as you type.");

        await Page.Locator("#sow-work-mode").FillAsync("Typed just before leaving.");
        await Expect(status).ToHaveTextAsync(new Regex("^Saved \\d"));
        await Page.ReloadAsync();
        await Expect(Page.Locator("#sow-work-mode")).ToHaveValueAsync("Typed just before leaving.");
        await Expect(status).ToHaveTextAsync("Saved. Changes save as you type.");
        await Problems.ShouldBeNoneAsync();
    }

    [Fact]
    public async Task Work_items_and_criteria_are_reordered_added_and_removed_without_losing_text_or_keys()
    {
        var id = await NewDraftAsync("Reorder the work", [("w1", "Inventory", "c1"), ("w2", "Port", "c2")]);
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync($"/sows/{id}/edit");
        var items = Page.Locator("[data-item]");
        await Expect(items).ToHaveCountAsync(2);

        await items.Nth(1).Locator("[data-f=Description]").FillAsync("Typed just before moving it.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move work item w2 up" }).ClickAsync();
        await Expect(items.Nth(0)).ToHaveAttributeAsync("data-key", "w2");
        await Expect(items.Nth(0).Locator("[data-f=Description]")).ToHaveValueAsync("Typed just before moving it.");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Move work item w2 up" })).ToBeFocusedAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add a criterion to work item w1" }).ClickAsync();
        var criteria = items.Nth(1).Locator("[data-criterion]");
        await Expect(criteria).ToHaveCountAsync(2);
        await Expect(criteria.Nth(1)).ToHaveAttributeAsync("data-key", "c3");
        await criteria.Nth(1).Locator("[data-f=Text]").FillAsync("The inventory names an owner per script.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move criterion c3 up" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove criterion c1" }).ClickAsync();
        await Expect(Page.Locator("[data-save-status]")).ToContainTextAsync("Saved");

        await Page.ReloadAsync();
        await Expect(items.Nth(0)).ToHaveAttributeAsync("data-key", "w2");
        await Expect(items.Nth(1).Locator("[data-criterion]")).ToHaveCountAsync(1);
        await Expect(items.Nth(1).Locator("[data-criterion] [data-f=Text]")).ToHaveValueAsync("The inventory names an owner per script.");
        var draft = await DraftAsync(id);
        var saved = draft.GetProperty("workItems");
        saved[0].GetProperty("key").GetString().ShouldBe("w2");
        saved[0].GetProperty("description").GetString().ShouldBe("Typed just before moving it.");
        saved[1].GetProperty("criteria")[0].GetProperty("key").GetString().ShouldBe("c3");
        await Problems.ShouldBeNoneAsync();
    }

    private HttpClient? _wg;

    private async Task<HttpClient> WgAsync() => _wg ??= await World.Portal.CreateApiClientAsync("sow-browser-wg-" + Guid.NewGuid().ToString("N")[..8], Role.WorkingGroupMember);

    private async Task<int> NewDraftAsync(string title, (string Key, string Title, string Criterion)[] items)
    {
        var wg = await WgAsync();
        var accepted = await wg.GetFromJsonAsync<JsonElement>("/api/proposals?state=Accepted");
        var proposal = accepted.GetProperty("items")[0].GetProperty("id").GetInt32();
        var created = await wg.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { proposal }, title });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var sow = await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{id}");
        var content = new
        {
            title,
            problem = "Scripts fail.",
            workMode = string.Empty,
            requiredSkills = string.Empty,
            functionalRequirements = string.Empty,
            nonFunctionalRequirements = string.Empty,
            workItems = items.Select(i => new { key = i.Key, title = i.Title, description = string.Empty, criteria = new[] { new { key = i.Criterion, text = "Criterion of " + i.Title } } }),
            objectives = Array.Empty<object>(),
            serviceSlugs = Array.Empty<string>(),
            route = (string?)null,
        };
        (await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content, version = sow.GetProperty("version").GetUInt32() })).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<JsonElement> DraftAsync(int id) => (await (await WgAsync()).GetFromJsonAsync<JsonElement>($"/api/sows/{id}")).GetProperty("draft");
}
