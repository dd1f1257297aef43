using System.Collections.Concurrent;
using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class SignInTests(PortalBrowser world) : BrowserTest(world)
{
    private ILocator SignInLink => Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });

    [Fact]
    public async Task A_developer_signs_in_as_a_demo_person_from_the_sign_in_page()
    {
        await Page.GotoAsync("/account/signin");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in as one of the demo people" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(World.RootUri, "/account/demo").ToString());

        await DemoPersonButton("lena-fischer").ClickAsync();

        await Expect(AccountMenu).ToHaveTextAsync("lena-fischer");
        await Expect(SignInLink).ToHaveCountAsync(0);
        await AccountMenu.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Profile" })).ToHaveAttributeAsync("href", "/account");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "API tokens" })).ToHaveAttributeAsync("href", "/account/tokens");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Problems.ShouldBeNoneAsync();
    }

    [Fact]
    public async Task A_signed_in_person_signs_out_through_the_menu()
    {
        await SignInAsDemoPersonAsync("lena-fischer");

        await AccountMenu.ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page, "signing out lands on the home page").ToHaveURLAsync(World.RootUri.ToString());
        await Expect(SignInLink).ToBeVisibleAsync();
        await Expect(AccountMenu).ToHaveCountAsync(0);
        await Page.GotoAsync("/account");
        await Expect(Page, "the profile asks a signed-out visitor to sign in").ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Problems.ShouldBeNoneAsync();
    }

    [Fact]
    public async Task A_person_signs_in_with_GitHub_and_sees_their_login_on_their_profile()
    {
        var requested = new ConcurrentQueue<string>();
        Page.Request += (_, request) => requested.Enqueue(request.Url);
        await Page.GotoAsync("/account/signin");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with GitHub" }).ClickAsync();

        await Expect(AccountMenu).ToHaveTextAsync("octo-cat");
        await Expect(Page).ToHaveURLAsync(World.RootUri.ToString());
        var authorize = new Uri(World.GitHub.BaseUri, "/login/oauth/authorize").ToString();
        requested.ShouldContain(url => url.StartsWith(authorize, StringComparison.Ordinal), "the browser never went to GitHub's authorize page");
        requested.ShouldContain(url => url.StartsWith(new Uri(World.RootUri, "/signin-github?code=").ToString(), StringComparison.Ordinal));
        World.GitHub.TokenRequests.ShouldBeGreaterThan(0);

        await Page.GotoAsync("/account");

        await Expect(Page.Locator("dl.facts")).ToContainTextAsync("octo-cat");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Octo Cat");
        await Problems.ShouldBeNoneAsync();
    }
}
