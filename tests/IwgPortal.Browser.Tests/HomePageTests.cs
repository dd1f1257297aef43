using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class HomePageTests(PortalBrowser world) : BrowserTest(world)
{
    [Fact]
    public async Task A_visitor_sees_what_the_working_group_is_doing()
    {
        var response = await Page.GotoAsync("/");

        response.ShouldNotBeNull().Status.ShouldBe(200);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Infrastructure Working Group");
        var services = Page.GetByRole(AriaRole.Region, new() { Name = "Infrastructure services" });
        await Expect(services.GetByRole(AriaRole.Table)).ToContainTextAsync("Source code repository");
        await Expect(services.GetByRole(AriaRole.Link, new() { Name = "Source code repository" })).ToBeVisibleAsync();
        var group = Page.GetByRole(AriaRole.Region, new() { Name = "The working group" });
        await Expect(group.GetByRole(AriaRole.Link, new() { Name = "Priya Raman" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Latest activity" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Problems.ShouldBeNoneAsync();

        await Screenshots.SaveAsync(Page, "home");
    }

    [Fact]
    public async Task The_first_tab_on_the_home_page_reaches_the_skip_link()
    {
        await Page.GotoAsync("/");

        await Page.Keyboard.PressAsync("Tab");

        var skip = Page.Locator("a.skip");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToHaveTextAsync("Skip to content");
        await Expect(skip).ToBeInViewportAsync();

        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new Uri(World.RootUri, "/#main").ToString());
        await Expect(Page.Locator("main#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_content_security_policy_blocks_a_script_injected_into_the_page()
    {
        await Page.GotoAsync("/");

        // What an HTML injection would try: an inline script. The policy allows scripts from the portal only.
        await Page.EvaluateAsync("""
            () => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true;";
                document.body.appendChild(script);
            }
            """);

        // The violation event is dispatched asynchronously; the recorder is what the other tests rely on.
        await Page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        (await Page.EvaluateAsync<bool>("() => window.injected === undefined")).ShouldBeTrue("the injected inline script ran");
        (await Problems.CspViolationsAsync()).ShouldHaveSingleItem().ShouldStartWith("script-src");
    }
}
