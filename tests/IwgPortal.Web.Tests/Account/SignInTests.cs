using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Testing;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Tests.Account;

public class SignInTests
{
    [Fact]
    public async Task Demo_sign_in_works_on_a_developer_machine()
    {
        await using var portal = PortalFactory.Create();
        using var browser = portal.CreateBrowserClient();

        await PortalFactory.SignInAsDemoAsync(browser, "priya-raman");

        var me = await browser.GetFromJsonAsync<JsonElement>("/api/me");
        me.GetProperty("login").GetString().ShouldBe("priya-raman");
        me.GetProperty("currentRoles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["CommunityMember", "WorkingGroupMember", "Chair"], ignoreOrder: true);
    }

    [Fact]
    public async Task Demo_sign_in_cannot_be_enabled_in_production()
    {
        await using var portal = PortalFactory.Create(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" }, environment: "Production");
        using var browser = portal.CreateBrowserClient();

        var page = await browser.GetAsync(new Uri("/account/demo", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var signIn = await browser.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        signIn.ShouldNotContain("/account/demo");
        var demoPeople = await portal.WithDbAsync(db => db.People.CountAsync(p => p.IsDemo));
        demoPeople.ShouldBe(0);

        // No page offers a form here, so a POST can only be forged: refused either way, and nobody is signed in.
        using var post = await browser.PostAsync(new Uri("/account/demo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = "1",
        }));
        post.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (post.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("iwg.auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_sign_in_refuses_a_real_person()
    {
        await using var portal = PortalFactory.Create();
        var realId = await portal.CreatePersonAsync("real-person", Domain.Membership.Role.Admin);
        using var browser = portal.CreateBrowserClient();
        var page = await browser.GetStringAsync(new Uri("/account/demo", UriKind.Relative));

        using var post = await browser.PostAsync(new Uri("/account/demo", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = realId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));

        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GitHub_sign_in_creates_the_person_once_keyed_by_github_id()
    {
        await using var gitHub = await FakeGitHub.StartAsync();
        await using var portal = PortalFactory.Create(gitHub.PortalSettings);

        var first = await SignInWithGitHubAsync(portal, gitHub);
        gitHub.SignedInUser = gitHub.SignedInUser with { Login = "octo-renamed", Name = "Octo Renamed" };
        var second = await SignInWithGitHubAsync(portal, gitHub);

        first.GetProperty("login").GetString().ShouldBe("octo-cat");
        second.GetProperty("login").GetString().ShouldBe("octo-renamed");
        second.GetProperty("id").GetInt32().ShouldBe(first.GetProperty("id").GetInt32());
        (await portal.WithDbAsync(db => db.People.CountAsync(p => p.GitHubId == 4242))).ShouldBe(1);
        gitHub.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task A_forged_github_callback_does_not_sign_anyone_in()
    {
        await using var gitHub = await FakeGitHub.StartAsync();
        await using var portal = PortalFactory.Create(gitHub.PortalSettings);
        using var browser = portal.CreateBrowserClient();

        var response = await browser.GetAsync(new Uri("/signin-github?code=stolen&state=forged", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/signin?failed=1");
        (await browser.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_in_from_two_instances_is_shared_through_keys_in_the_database()
    {
        await using var first = PortalFactory.Create();
        await using var second = PortalFactory.Create(connectionString: first.ConnectionString);
        var cookie = await SignInForCookieAsync(first, "lena-fischer");

        using var other = second.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        var response = await other.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("login").GetString().ShouldBe("lena-fischer");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        await using var portal = PortalFactory.Create();
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "lena-fischer");
        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        using var signOut = await browser.PostAsync(new Uri("/account/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(home),
        }));

        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Walks the OAuth dance as a browser would: portal → fake GitHub → portal callback.</summary>
    internal static async Task<JsonElement> SignInWithGitHubAsync(PortalFactory portal, FakeGitHub gitHub)
    {
        using var browser = portal.CreateBrowserClient();
        var page = await browser.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        using var challenge = await browser.PostAsync(new Uri("/account/signin?handler=GitHub", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = challenge.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Authority).ShouldBe(gitHub.BaseUri.GetLeftPart(UriPartial.Authority));

        using var github = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var approved = await github.GetAsync(authorize);
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = approved.Headers.Location!;
        callback.AbsolutePath.ShouldBe("/signin-github");

        using var back = await browser.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        back.Headers.Location!.ToString().ShouldBe("/");
        return await browser.GetFromJsonAsync<JsonElement>("/api/me");
    }

    /// <summary>Signs in through the demo page by hand and returns the Cookie header a browser would send.</summary>
    private static async Task<string> SignInForCookieAsync(PortalFactory portal, string login)
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var page = await client.GetAsync(new Uri("/account/demo", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var personId = System.Text.RegularExpressions.Regex.Match(html, $"""value="(\d+)" class="choice">\s*<span class="name">[^<]*</span>\s*<span class="muted">@{login}</span>""").Groups[1].Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/demo")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["personId"] = personId,
                ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html),
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await client.SendAsync(request);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("iwg.auth", StringComparison.Ordinal)));
    }
}
