using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Domain.Tokens;
using IwgPortal.Testing;
using IwgPortal.Web.Hosting.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IwgPortal.Web.Tests.Hosting;

/// <summary>
/// The access cache (ADR 9) keeps tokens and grants between requests; these tests prove it forgets
/// them whenever access changes: on this instance at once, on another when the database notifies it.
/// </summary>
public class AccessCacheTests
{
    // A role check that writes nothing: an admin gets past authorisation to a 400 for the body, anyone else a 403.
    private static readonly object NoRole = new { role = "NoSuchRole" };

    [Fact]
    public async Task A_role_ended_and_a_token_revoked_on_one_instance_stop_working_on_the_other()
    {
        await using var first = PortalFactory.Create();
        await using var second = PortalFactory.Create(connectionString: first.ConnectionString);
        using var admin = await first.CreateApiClientAsync("ac-admin", Role.Admin);
        var personId = await first.CreatePersonAsync("ac-member");
        var granted = await admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles", new { role = "Admin" });
        granted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var grantId = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var secret = await first.IssueTokenAsync(personId, TimeSpan.FromDays(1));
        using var member = second.CreateClient();
        member.DefaultRequestHeaders.Authorization = new("Bearer", secret);

        var cache = second.Services.GetRequiredService<AccessCache>();
        (await UntilAsync(() => Task.FromResult(cache.IsServing))).ShouldBeTrue();
        (await AdminCheckAsync(member, personId)).ShouldBe(HttpStatusCode.BadRequest);
        cache.Token(ApiToken.HashOf(secret)).ShouldNotBeNull();

        (await admin.PostAsync(new Uri($"/api/admin/role-grants/{grantId}/end", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await UntilAsync(async () => await AdminCheckAsync(member, personId) == HttpStatusCode.Forbidden)).ShouldBeTrue();

        await first.WithDbAsync(async db =>
        {
            var token = await db.ApiTokens.SingleAsync(t => t.PersonId == personId);
            token.Revoke(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        (await UntilAsync(async () => (await member.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode == HttpStatusCode.Unauthorized)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_cached_token_costs_no_statement_and_a_write_on_the_same_instance_forgets_it_before_answering()
    {
        await using var portal = PortalFactory.Create();
        using var admin = await portal.CreateApiClientAsync("ac-local-admin", Role.Admin);
        var personId = await portal.CreatePersonAsync("ac-local-member");
        var granted = await admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles", new { role = "Admin" });
        var grantId = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var member = portal.CreateClient();
        member.DefaultRequestHeaders.Authorization = new("Bearer", await portal.IssueTokenAsync(personId, TimeSpan.FromDays(1)));
        (await UntilAsync(() => Task.FromResult(portal.Services.GetRequiredService<AccessCache>().IsServing))).ShouldBeTrue();
        (await member.GetAsync(new Uri("/api/services", UriKind.Relative))).EnsureSuccessStatusCode();

        var (_, statements) = await SqlStatementCounter.GetAsync(member, "/api/services");
        statements.ShouldBe(0);

        // No waiting: the end is committed before its answer, and this instance forgot the grant then.
        (await admin.PostAsync(new Uri($"/api/admin/role-grants/{grantId}/end", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await AdminCheckAsync(member, personId)).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Nothing_is_kept_or_served_while_the_database_s_notifications_are_not_heard()
    {
        var cache = new AccessCache(new AccessCacheOptions());
        var grants = new[] { new GrantTerm(Role.Admin, DateTimeOffset.UnixEpoch, null) };

        cache.Keep(1, grants, cache.Generation);
        cache.GrantsOf(1).ShouldBeNull();

        cache.Listening(true);
        cache.Keep(1, grants, cache.Generation);
        cache.GrantsOf(1).ShouldBe(grants);

        cache.Listening(false);
        cache.GrantsOf(1).ShouldBeNull();
    }

    [Fact]
    public void What_was_read_before_a_change_is_not_kept_after_it()
    {
        var cache = new AccessCache(new AccessCacheOptions());
        cache.Listening(true);
        var before = cache.Generation;

        cache.Clear();
        cache.Keep(1, [new GrantTerm(Role.Admin, DateTimeOffset.UnixEpoch, null)], before);

        cache.GrantsOf(1).ShouldBeNull();
    }

    [Fact]
    public void A_cache_that_is_switched_off_serves_nothing()
    {
        var cache = new AccessCache(new AccessCacheOptions { Enabled = false });
        cache.Listening(true);

        cache.Keep(1, [new GrantTerm(Role.Admin, DateTimeOffset.UnixEpoch, null)], cache.Generation);

        cache.GrantsOf(1).ShouldBeNull();
    }

    [Fact]
    public void Grants_are_compared_with_the_clock_on_every_request()
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        GrantTerm[] grants = [new(Role.WorkingGroupMember, start, start.AddDays(10)), new(Role.Chair, start.AddDays(5), null)];

        GrantTerm.ActiveAt(grants, start.AddDays(-1)).ShouldBeEmpty();
        GrantTerm.ActiveAt(grants, start).ShouldBe([Role.WorkingGroupMember]);
        GrantTerm.ActiveAt(grants, start.AddDays(5)).ShouldBe([Role.WorkingGroupMember, Role.Chair]);
        GrantTerm.ActiveAt(grants, start.AddDays(10)).ShouldBe([Role.Chair]);
    }

    [Fact]
    public void Of_the_requests_sharing_a_token_one_records_its_use_and_only_once_a_minute()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var (token, _) = ApiToken.Issue(1, "script", now.AddDays(30), now);
        var cached = new CachedToken(token, "someone", "Someone", []);

        var winners = Enumerable.Range(0, 64).AsParallel().Count(_ => cached.ClaimUseRecording(now));

        winners.ShouldBe(1);
        cached.ClaimUseRecording(now.AddSeconds(59)).ShouldBeFalse();
        cached.ClaimUseRecording(now.AddSeconds(61)).ShouldBeTrue();
    }

    private static async Task<HttpStatusCode> AdminCheckAsync(HttpClient client, int personId) =>
        (await client.PostAsJsonAsync($"/api/admin/people/{personId}/roles", NoRole)).StatusCode;

    // Another instance hears of a change when PostgreSQL delivers the notification, a moment after the commit.
    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
