using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Web.Tests.Account;

public sealed class ApiTokenTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = PortalFactory.Create(clock: _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task A_token_authenticates_its_owner_with_their_roles()
    {
        using var client = await _portal.CreateApiClientAsync("tok-wg", Domain.Membership.Role.WorkingGroupMember);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("login").GetString().ShouldBe("tok-wg");
        me.GetProperty("currentRoles").EnumerateArray().Select(r => r.GetString()).ShouldContain("WorkingGroupMember");
    }

    [Fact]
    public async Task A_created_token_is_shown_once_and_only_its_hash_is_stored()
    {
        using var client = await _portal.CreateApiClientAsync("tok-create");
        var response = await client.PostAsJsonAsync("/api/tokens", new { name = "release script", expiresInDays = 30 });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("token").GetString()!;

        var listed = await client.GetStringAsync(new Uri("/api/tokens", UriKind.Relative));
        listed.ShouldContain("release script");
        listed.ShouldNotContain(secret);
        var stored = await _portal.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Name == "release script"));
        stored.Hash.ShouldBe(Domain.Tokens.ApiToken.HashOf(secret));
        stored.Hash.ShouldNotContain(secret[4..]);

        using var other = _portal.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await other.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("login").GetString().ShouldBe("tok-create");
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var personId = await _portal.CreatePersonAsync("tok-revoke");
        var secret = await _portal.IssueTokenAsync(personId, TimeSpan.FromDays(30));
        using var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = (await client.GetFromJsonAsync<JsonElement>("/api/tokens"))[0].GetProperty("id").GetInt32();

        (await client.DeleteAsync(new Uri($"/api/tokens/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ProblemDetailsTests.ShouldBeProblem(await client.GetAsync(new Uri("/api/me", UriKind.Relative)), HttpStatusCode.Unauthorized);

        // Public reads too: the script must notice its token is gone, not read on as a visitor.
        var publicRead = await client.GetAsync(new Uri("/api/proposals", UriKind.Relative));
        await ProblemDetailsTests.ShouldBeProblem(publicRead, HttpStatusCode.Unauthorized);
        publicRead.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        var row = await _portal.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id));
        row.RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_role_whose_term_ends_is_gone_from_the_next_token_request()
    {
        var personId = await _portal.CreatePersonAsync("tok-term");
        await _portal.WithDbAsync(async db =>
        {
            var now = _clock.GetUtcNow();
            var person = await db.People.SingleAsync(p => p.Id == personId);
            person.Grant(Domain.Membership.Role.BoardMember, now.AddMinutes(-1), now.AddHours(1), null, now);
            await db.SaveChangesAsync();
        });
        using var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _portal.IssueTokenAsync(personId, TimeSpan.FromDays(7)));
        (await RolesAsync(client)).ShouldContain("BoardMember");

        _clock.Advance(TimeSpan.FromHours(2));

        (await RolesAsync(client)).ShouldNotContain("BoardMember");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var personId = await _portal.CreatePersonAsync("tok-expire");
        var secret = await _portal.IssueTokenAsync(personId, TimeSpan.FromDays(7));
        using var client = _portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        _clock.Advance(TimeSpan.FromDays(7));

        await ProblemDetailsTests.ShouldBeProblem(await client.GetAsync(new Uri("/api/me", UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Nobody_can_revoke_someone_elses_token()
    {
        var victim = await _portal.CreatePersonAsync("tok-victim");
        await _portal.IssueTokenAsync(victim, TimeSpan.FromDays(7));
        var victimTokenId = await _portal.WithDbAsync(db => db.ApiTokens.Where(t => t.PersonId == victim).Select(t => t.Id).SingleAsync());
        using var attacker = await _portal.CreateApiClientAsync("tok-attacker");

        var response = await attacker.DeleteAsync(new Uri($"/api/tokens/{victimTokenId}", UriKind.Relative));

        await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.NotFound);
        (await _portal.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == victimTokenId))).RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task The_tokens_page_shows_the_secret_once_and_never_again()
    {
        using var browser = _portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "amara-okafor");
        var page = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));

        using var created = await browser.PostAsync(new Uri("/account/tokens?handler=Create", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "laptop",
            ["Input.ExpiresInDays"] = "30",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        var html = await created.Content.ReadAsStringAsync();
        created.Headers.CacheControl?.NoStore.ShouldBeTrue();
        var secret = System.Text.RegularExpressions.Regex.Match(html, "value=\"(iwg_[^\"]+)\"").Groups[1].Value;
        secret.ShouldNotBeEmpty();

        var later = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));
        later.ShouldContain("laptop");
        later.ShouldNotContain(secret);
    }

    [Fact]
    public async Task The_tokens_page_shows_field_errors_and_keeps_the_input()
    {
        using var browser = _portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "amara-okafor");
        var page = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));

        using var response = await browser.PostAsync(new Uri("/account/tokens?handler=Create", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = new string('x', 150),
            ["Input.ExpiresInDays"] = "30",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("field-validation-error");
        html.ShouldContain(new string('x', 150));
    }

    private static async Task<string?[]> RolesAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("currentRoles").EnumerateArray().Select(r => r.GetString())];
}
