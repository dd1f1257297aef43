using Microsoft.Playwright;

namespace IwgPortal.Browser.Tests.Infrastructure;

/// <summary>
/// A test with its own browser context and page (no cookies shared with other tests), watched for
/// console errors and CSP violations. xunit creates one instance per test.
/// </summary>
public abstract class BrowserTest(PortalBrowser world) : IClassFixture<PortalBrowser>, IAsyncLifetime
{
    protected PortalBrowser World { get; } = world;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected PageProblems Problems { get; private set; } = null!;

    /// <summary>The signed-in person's menu in the top bar; its summary is their login.</summary>
    protected ILocator AccountMenu => Page.Locator("details.menu > summary");

    public async Task InitializeAsync()
    {
        Context = await World.NewContextAsync();
        await Context.AddInitScriptAsync(PageProblems.InitScript);
        Page = await Context.NewPageAsync();
        Problems = PageProblems.Watch(Page);
    }

    public async Task DisposeAsync() => await Context.CloseAsync();

    /// <summary>Signs in through the demo page, as a developer trying the portal would.</summary>
    protected async Task SignInAsDemoPersonAsync(string login)
    {
        await Page.GotoAsync("/account/demo");
        await DemoPersonButton(login).ClickAsync();
        await Assertions.Expect(AccountMenu).ToHaveTextAsync(login);
    }

    protected ILocator DemoPersonButton(string login) =>
        Page.Locator("button.choice").Filter(new LocatorFilterOptions { Has = Page.Locator("span.muted", new PageLocatorOptions { HasTextString = "@" + login }) });
}
