using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class MarkdownPreviewTests(PortalBrowser world) : BrowserTest(world)
{
    [Fact]
    public async Task A_member_sees_a_live_preview_that_renders_markdown_and_never_runs_script()
    {
        await SignInAsDemoPersonAsync("lena-fischer");
        await Page.GotoAsync("/services/forum/edit");
        var description = Page.GetByLabel("Description (Markdown)");
        var preview = Page.Locator("#description-preview");

        // As a person would, start typing once the preview of the saved text is there (site.js
        // applies preview answers in arrival order, so a slow first answer could overwrite ours).
        await Expect(preview).ToContainTextAsync("The community forum");

        await description.ClearAsync();
        await description.PressSequentiallyAsync("**bold** <script>window.pwned=1</script>");

        await Expect(preview.Locator("strong")).ToHaveTextAsync("bold");
        await Expect(preview).ToContainTextAsync("window.pwned=1");
        await Expect(preview.Locator("script")).ToHaveCountAsync(0);
        (await Page.EvaluateAsync<bool>("() => typeof window.pwned === 'undefined'")).ShouldBeTrue("the script in the Markdown ran");
        await Problems.ShouldBeNoneAsync();
    }
}
