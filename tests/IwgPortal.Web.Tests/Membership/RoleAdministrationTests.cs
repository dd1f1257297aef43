using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Tests.Membership;

public class RoleAdministrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_granted_role_takes_effect_at_once_and_ending_it_too()
    {
        using var admin = await portal.CreateApiClientAsync("ra-admin", Role.Admin);
        var personId = await portal.CreatePersonAsync("ra-member");
        var secret = await portal.IssueTokenAsync(personId, TimeSpan.FromDays(1));
        using var member = portal.CreateClient();
        member.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var edit = new { kind = "Forum", name = "Forum", description = "The forum.", @operator = "Volunteers", documentationUrl = (string?)null, version = 0u };
        (await member.PutAsJsonAsync("/api/services/forum", edit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var granted = await admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles", new { role = "WorkingGroupMember" });
        granted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var grantId = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var current = await member.GetFromJsonAsync<JsonElement>("/api/services/forum");
        var allowed = await member.PutAsJsonAsync("/api/services/forum", edit with { version = current.GetProperty("version").GetUInt32() });
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync(new Uri($"/api/admin/role-grants/{grantId}/end", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await member.PutAsJsonAsync("/api/services/forum", edit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var grant = await portal.WithDbAsync(db => db.RoleGrants.AsNoTracking().SingleAsync(g => g.Id == grantId));
        grant.To.ShouldNotBeNull();
    }

    [Fact]
    public async Task Only_admins_grant_roles()
    {
        using var board = await portal.CreateApiClientAsync("ra-board", Role.BoardMember);
        var personId = await portal.CreatePersonAsync("ra-hopeful");

        var response = await board.PostAsJsonAsync($"/api/admin/people/{personId}/roles", new { role = "Chair" });

        await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_overlapping_grant_is_a_conflict()
    {
        using var admin = await portal.CreateApiClientAsync("ra-admin2", Role.Admin);
        var personId = await portal.CreatePersonAsync("ra-twice", Role.Treasurer);

        var response = await admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles", new { role = "Treasurer" });

        var problem = await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("already holds");
    }

    [Fact]
    public async Task A_term_that_ends_before_it_starts_is_a_field_error()
    {
        using var admin = await portal.CreateApiClientAsync("ra-admin3", Role.Admin);
        var personId = await portal.CreatePersonAsync("ra-backwards");

        var response = await admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles",
            new { role = "Contractor", from = "2026-06-01T00:00:00Z", to = "2026-01-01T00:00:00Z" });

        var problem = await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("To").EnumerateArray().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Granting_writes_a_public_audit_event_with_who_did_it()
    {
        using var admin = await portal.CreateApiClientAsync("ra-auditor", Role.Admin);
        var personId = await portal.CreatePersonAsync("ra-audited");

        var granted = await (await admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles", new { role = "BoardMember" })).Content.ReadFromJsonAsync<JsonElement>();
        var grantId = granted.GetProperty("id").GetInt32();

        var history = await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/audit?kind=role-grant&recordId={grantId}");
        var created = history.EnumerateArray().Single();
        created.GetProperty("action").GetString().ShouldBe("created");
        created.GetProperty("actor").GetString().ShouldBe("ra-auditor");
        created.GetProperty("changes").EnumerateArray().ShouldContain(c => c.GetProperty("field").GetString() == "role" && c.GetProperty("after").GetString() == "BoardMember");
    }

    [Fact]
    public async Task The_admin_pages_are_for_admins_only()
    {
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "lena-fischer");
        var denied = await browser.GetAsync(new Uri("/admin/people", UriKind.Relative));
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/account/denied");

        using var adminBrowser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(adminBrowser, "sam-admin");
        var page = await adminBrowser.GetStringAsync(new Uri("/admin/people", UriKind.Relative));
        page.ShouldContain("lena-fischer");
    }

    [Fact]
    public async Task The_admin_page_grants_a_role_and_shows_rule_errors()
    {
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "sam-admin");
        var personId = await portal.CreatePersonAsync("ra-page-target", Role.Contractor);
        var page = await browser.GetStringAsync(new Uri($"/admin/people/{personId}", UriKind.Relative));

        using var duplicate = await browser.PostAsync(new Uri($"/admin/people/{personId}?handler=Grant", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Role"] = "Contractor",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("already holds the role Contractor");

        using var granted = await browser.PostAsync(new Uri($"/admin/people/{personId}?handler=Grant", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Role"] = "WorkingGroupMember",
            ["Input.To"] = "2099-12-31",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));
        granted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var roles = await portal.WithDbAsync(db => db.RoleGrants.Where(g => g.PersonId == personId).Select(g => g.Role).ToListAsync());
        roles.ShouldBe([Role.Contractor, Role.WorkingGroupMember], ignoreOrder: true);
    }
}

public class ConcurrentGrantTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Two_admins_granting_the_same_role_at_once_yield_one_grant_and_one_conflict()
    {
        using var first = await portal.CreateApiClientAsync("cg-admin1", Role.Admin);
        using var second = await portal.CreateApiClientAsync("cg-admin2", Role.Admin);
        var personId = await portal.CreatePersonAsync("cg-target");

        for (var round = 0; round < 5; round++)
        {
            var role = round % 2 == 0 ? "BoardMember" : "Treasurer";
            var from = new DateTimeOffset(2030 + round, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var body = new { role, from, to = from.AddYears(1) };
            var responses = await Task.WhenAll(
                first.PostAsJsonAsync($"/api/admin/people/{personId}/roles", body),
                second.PostAsJsonAsync($"/api/admin/people/{personId}/roles", body));

            responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict], ignoreOrder: true);
        }

        (await portal.WithDbAsync(db => db.RoleGrants.CountAsync(g => g.PersonId == personId))).ShouldBe(5);
    }

    [Fact]
    public async Task A_grant_that_PostgreSQL_aborts_to_break_a_deadlock_is_a_conflict_and_saves_nothing()
    {
        // Two inserts that the exclusion constraint makes conflict can each wait for the other;
        // PostgreSQL then aborts one of them (40P01). Here a second connection holds that other side.
        using var admin = await portal.CreateApiClientAsync("cg-deadlocked", Role.Admin);
        var personId = await portal.CreatePersonAsync("cg-deadlock-target");
        await using var other = new Npgsql.NpgsqlConnection(portal.ConnectionString);
        await other.OpenAsync();
        // So that the portal's transaction, waiting first with the default of 1 s, is the one aborted.
        await using (var timeout = new Npgsql.NpgsqlCommand("SET deadlock_timeout = '60s'", other))
        {
            await timeout.ExecuteNonQueryAsync();
        }

        await using var transaction = await other.BeginTransactionAsync();
        await InsertTerm(other, personId, "Treasurer", "2030-01-01", "2031-01-01");

        var granting = admin.PostAsJsonAsync($"/api/admin/people/{personId}/roles",
            new { role = "Treasurer", from = "2030-07-01T00:00:00Z", to = "2032-01-01T00:00:00Z" });
        await WaitForAnotherSessionToWaitForALock(other, granting);
        // Overlaps the portal's uncommitted term only, so each transaction now waits for the other.
        var closingTheCycle = InsertTerm(other, personId, "Treasurer", "2031-01-01", "2033-01-01");
        using var response = await granting;
        await closingTheCycle;
        await transaction.RollbackAsync();

        var problem = await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe(IwgPortal.Web.Hosting.Errors.ProblemMapping.SimultaneousMessage);
        (await portal.WithDbAsync(db => db.RoleGrants.CountAsync(g => g.PersonId == personId))).ShouldBe(0);
    }

    /// <summary>A term written straight into the table, around the domain; no end when <paramref name="to"/> is null.</summary>
    private static async Task InsertTerm(Npgsql.NpgsqlConnection connection, int personId, string role, string from, string? to)
    {
        await using var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO role_grants (person_id, role, \"from\", \"to\", granted_at) VALUES (@p, @role, @from::timestamptz, @to::timestamptz, now())", connection);
        insert.Parameters.AddWithValue("p", personId);
        insert.Parameters.AddWithValue("role", role);
        insert.Parameters.AddWithValue("from", from);
        insert.Parameters.AddWithValue("to", (object?)to ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task WaitForAnotherSessionToWaitForALock(Npgsql.NpgsqlConnection connection, Task request)
    {
        await using var waiting = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()", connection);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            // A request that finished without waiting means the race this test sets up never happened.
            request.IsCompleted.ShouldBeFalse("the grant finished without waiting for the other transaction");
            (DateTime.UtcNow < deadline).ShouldBeTrue("the grant never waited for the other transaction");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task The_database_refuses_overlapping_terms_written_around_the_domain()
    {
        var personId = await portal.CreatePersonAsync("cg-sql", Role.Chair);
        await using var connection = new Npgsql.NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => InsertTerm(connection, personId, "Chair", yesterday, null));
        error.SqlState.ShouldBe("23P01");
    }
}
