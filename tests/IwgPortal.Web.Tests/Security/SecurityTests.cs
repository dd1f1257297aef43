using System.Net;
using System.Net.Http.Json;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;

namespace IwgPortal.Web.Tests.Security;

public class SecurityTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "amara-okafor");

        using var response = await browser.PostAsync(new Uri("/account/tokens?handler=Create", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "forged",
            ["Input.ExpiresInDays"] = "30",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative))).ShouldNotContain("forged");
    }

    [Fact]
    public async Task A_cookie_authenticated_api_write_needs_the_antiforgery_header()
    {
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "amara-okafor");

        var forged = await browser.PostAsJsonAsync("/api/tokens", new { name = "csrf", expiresInDays = 7 });
        await ProblemDetailsTests.ShouldBeProblem(forged, HttpStatusCode.BadRequest);

        var page = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "from the page", expiresInDays = 7 }) };
        request.Headers.Add("X-CSRF-TOKEN", PortalFactory.AntiforgeryToken(page));
        var allowed = await browser.SendAsync(request);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Pages_forbid_inline_script_and_framing()
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldContain("script-src 'self'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        var html = await response.Content.ReadAsStringAsync();
        System.Text.RegularExpressions.Regex.IsMatch(html, "<script(?![^>]*src=)").ShouldBeFalse();
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site()
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var page = await client.GetAsync(new Uri("/account/demo", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var personId = System.Text.RegularExpressions.Regex.Match(html, "name=\"personId\" value=\"(\\d+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/demo")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["personId"] = personId, ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(html) }),
        };
        request.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        using var response = await client.SendAsync(request);

        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("iwg.auth", StringComparison.Ordinal));
        auth.ShouldContain("httponly", Case.Insensitive);
        auth.ShouldContain("samesite=lax", Case.Insensitive);
    }
}

public class RateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_per_address()
    {
        await using var portal = PortalFactory.Create(new Dictionary<string, string?> { ["RateLimits:SignInsPerMinute"] = "3" });
        using var client = portal.CreateClient();

        // Attempts without a valid form are refused (400) but still count.
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsync(new Uri("/account/demo", UriKind.Relative), new FormUrlEncodedContent([]))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        var limited = await client.PostAsync(new Uri("/account/demo", UriKind.Relative), new FormUrlEncodedContent([]));
        await ProblemDetailsTests.ShouldBeProblem(limited, HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await client.GetAsync(new Uri("/account/signin", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Writes_are_rate_limited_per_person()
    {
        await using var portal = PortalFactory.Create(new Dictionary<string, string?> { ["RateLimits:WritesPerMinute"] = "2" });
        using var client = await portal.CreateApiClientAsync("busy-writer");

        (await client.PostAsJsonAsync("/api/tokens", new { name = "a", expiresInDays = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/tokens", new { name = "b", expiresInDays = 1 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var third = await client.PostAsJsonAsync("/api/tokens", new { name = "c", expiresInDays = 1 });

        await ProblemDetailsTests.ShouldBeProblem(third, HttpStatusCode.TooManyRequests);
        (await client.GetAsync(new Uri("/api/tokens", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
