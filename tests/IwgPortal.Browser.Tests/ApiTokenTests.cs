using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class ApiTokenTests(PortalBrowser world) : BrowserTest(world)
{
    private const string Login = "maria-santos";
    private const string TokenName = "release script";

    [Fact]
    public async Task A_token_made_in_the_browser_works_for_a_script_until_it_is_revoked()
    {
        await SignInAsDemoPersonAsync(Login);
        await Page.GotoAsync("/account/tokens");

        await Page.GetByLabel("Name").FillAsync(TokenName);
        await Page.GetByLabel("Expires after").SelectOptionAsync("30");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var newToken = Page.Locator("#new-token");
        await Expect(newToken).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^iwg_"));
        await Expect(newToken).ToHaveAttributeAsync("readonly", string.Empty);
        var secret = await newToken.InputValueAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = TokenName });
        await Expect(row).ToContainTextAsync("Active");
        await Screenshots.SaveAsync(Page, "account-tokens-created");

        using var script = World.CreateScriptClient();
        using (var me = await GetMeAsync(script, secret))
        {
            me.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var profile = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
            profile.RootElement.GetProperty("login").GetString().ShouldBe(Login);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke token " + TokenName }).ClickAsync();

        await Expect(row).ToContainTextAsync("Revoked");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Revoke token " + TokenName })).ToHaveCountAsync(0);
        using (var me = await GetMeAsync(script, secret))
        {
            me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            me.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            using var problem = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
            problem.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
            problem.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        }

        await Page.ReloadAsync();

        await Expect(row).ToContainTextAsync("Revoked");
        await Expect(newToken).ToHaveCountAsync(0);
        var html = await Page.ContentAsync();
        html.ShouldNotContain(secret);
        html.ShouldNotContain(secret[8..], customMessage: "the part of the secret after its hint is on the page");
        await Problems.ShouldBeNoneAsync();
    }

    private static async Task<HttpResponseMessage> GetMeAsync(HttpClient client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await client.SendAsync(request);
    }
}
