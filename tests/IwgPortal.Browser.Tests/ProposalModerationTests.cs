using System.Text.RegularExpressions;
using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class ProposalModerationTests(PortalBrowser world) : BrowserTest(world)
{
    [Fact]
    public async Task Threads_edits_hiding_and_a_concurrent_move_are_shown_honestly()
    {
        // The author proposes and starts a thread.
        await SignInAsDemoPersonAsync("amara-okafor");
        await Page.GotoAsync("/proposals/new");
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Archive inactive mailing lists");
        await Page.GetByLabel("Problem statement (Markdown)", new() { Exact = true }).FillAsync("Dozens of lists get only spam.");
        await Page.GetByLabel("Desired outcome (Markdown)", new() { Exact = true }).FillAsync("Inactive lists are archived, read-only.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/proposals/\d+/archive-inactive-mailing-lists$"));
        var path = new Uri(Page.Url).AbsolutePath;
        await Page.GetByLabel("Your comment (Markdown, public)").FillAsync("Frist! Buy cheap watches.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        var first = Page.Locator("#timeline li.thread").First;
        await Expect(first).ToContainTextAsync("Buy cheap watches");

        // She edits it: the comment says so, and the earlier text stays readable.
        await first.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Page.GetByLabel("Comment (Markdown)").FillAsync("Lists without a post for a year could go first.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(first.Locator(".comment").First).ToContainTextAsync("edited");
        await first.GetByText("Earlier versions (1)").ClickAsync();
        await Expect(first.Locator(".versions")).ToContainTextAsync("Buy cheap watches");

        // Two working-group members move it at the same moment: the second is refused, keeps the reason typed and sees the new state.
        // The version the second tab saw is stale, so it is told that someone else moved the proposal meanwhile.
        var lenaContext = await World.NewContextAsync();
        await lenaContext.AddInitScriptAsync(PageProblems.InitScript);
        var lena = await lenaContext.NewPageAsync();
        var lenaProblems = PageProblems.Watch(lena);
        await lena.GotoAsync("/account/demo");
        await lena.Locator("button.choice").Filter(new() { HasText = "@lena-fischer" }).ClickAsync();
        await Expect(lena.Locator("details.menu > summary")).ToHaveTextAsync("lena-fischer");
        await lena.GotoAsync(path);
        var otherTab = await lenaContext.NewPageAsync();
        await otherTab.GotoAsync(path);
        await otherTab.GetByLabel("Public reason", new() { Exact = true }).FillAsync("Clear enough to decide now.");
        await otherTab.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Under discussion" });
        await lena.GetByLabel("Public reason", new() { Exact = true }).FillAsync("Let the list owners speak first.");
        await lena.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Expect(lena.Locator(".record-head .badge")).ToHaveTextAsync("Under discussion");

        await otherTab.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Expect(otherTab.Locator(".move .alert.error")).ToContainTextAsync("Someone else changed this record");
        await Expect(otherTab.GetByLabel("Public reason", new() { Exact = true })).ToHaveValueAsync("Clear enough to decide now.");
        await Expect(otherTab.Locator(".record-head .badge")).ToHaveTextAsync("Under discussion");
        await Screenshots.SaveAsync(otherTab, "proposal-move-conflict");

        // The working group hides the spam-looking first version's thread starter with a public reason.
        await lena.ReloadAsync();
        var hide = lena.Locator("#timeline li.thread").First.Locator("details.hide-comment");
        await hide.Locator("summary").ClickAsync();
        await hide.GetByRole(AriaRole.Button, new() { Name = "Hide comment" }).ClickAsync();
        await Expect(hide.Locator(".field-error")).ToHaveTextAsync("Say publicly why the comment is hidden.");
        await hide.GetByLabel("Public reason for hiding").FillAsync("Advertising in an earlier version.");
        await hide.GetByRole(AriaRole.Button, new() { Name = "Hide comment" }).ClickAsync();
        await Expect(lena.Locator("#timeline .hidden-note")).ToHaveTextAsync("Hidden by the working group: Advertising in an earlier version.");
        await Expect(lena.Locator("#timeline li.thread").First).Not.ToContainTextAsync("Lists without a post");
        await lenaProblems.ShouldBeNoneAsync();

        // The author still sees her own text, and replies one level deep.
        await Page.ReloadAsync();
        await Expect(first.Locator(".only-you")).ToContainTextAsync("Lists without a post for a year could go first.");
        await first.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        await first.GetByLabel("Reply to Amara Okafor (Markdown)").FillAsync("Fair enough, I will keep it on topic.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await Expect(first.Locator("ol.replies .comment")).ToContainTextAsync("Fair enough, I will keep it on topic.");
        await Problems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(Page, "proposal-threads");
        await lenaContext.CloseAsync();
    }
}
