using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IwgPortal.Web.Tests.Services;

public class UpdateServiceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_working_group_member_updates_a_service_and_the_change_is_in_its_public_history()
    {
        using var wg = await portal.CreateApiClientAsync("us-wg", Role.WorkingGroupMember);
        var before = await wg.GetFromJsonAsync<JsonElement>("/api/services/chat");

        var response = await wg.PutAsJsonAsync("/api/services/chat", new
        {
            kind = "Chat",
            name = "Chat (IRC and Discord)",
            description = "Channels, bridges and moderation.",
            @operator = "Acme Ops under contract",
            documentationUrl = "https://docs.example.org/chat",
            version = before.GetProperty("version").GetUInt32(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("operator").GetString().ShouldBe("Acme Ops under contract");
        after.GetProperty("version").GetUInt32().ShouldNotBe(before.GetProperty("version").GetUInt32());

        var page = await portal.CreateClient().GetStringAsync(new Uri("/services/chat", UriKind.Relative));
        page.ShouldContain("Acme Ops under contract");
        page.ShouldContain("us-wg");
        page.ShouldContain("<del>Volunteers</del>");
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        using var first = await portal.CreateApiClientAsync("us-first", Role.WorkingGroupMember);
        using var second = await portal.CreateApiClientAsync("us-second", Role.WorkingGroupMember);
        var version = (await first.GetFromJsonAsync<JsonElement>("/api/services/mailing-lists")).GetProperty("version").GetUInt32();
        var edit = new { kind = "MailingLists", name = "Mailing lists", description = "Lists.", @operator = "First", documentationUrl = (string?)null, version };

        (await first.PutAsJsonAsync("/api/services/mailing-lists", edit)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await second.PutAsJsonAsync("/api/services/mailing-lists", edit with { @operator = "Second" });

        var problem = await ProblemDetailsTests.ShouldBeProblem(late, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("Someone else changed");
        (await first.GetFromJsonAsync<JsonElement>("/api/services/mailing-lists")).GetProperty("operator").GetString().ShouldBe("First");
    }

    [Fact]
    public async Task Bad_fields_are_reported_per_field()
    {
        using var wg = await portal.CreateApiClientAsync("us-bad", Role.WorkingGroupMember);

        var response = await wg.PutAsJsonAsync("/api/services/forum", new { kind = "Forum", name = "", description = "", @operator = "", documentationUrl = "javascript:alert(1)", version = 1 });

        var errors = (await ProblemDetailsTests.ShouldBeProblem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "Name", "Description", "Operator", "DocumentationUrl" })
        {
            errors.GetProperty(field).EnumerateArray().ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task The_edit_page_shows_field_errors_and_keeps_what_was_typed()
    {
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "lena-fischer");
        var page = await browser.GetStringAsync(new Uri("/services/forum/edit", UriKind.Relative));
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;

        using var response = await browser.PostAsync(new Uri("/services/forum/edit", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Kind"] = "Forum",
            ["Input.Operator"] = "Volunteers",
            ["Input.Description"] = "A long description I typed carefully.",
            ["Input.Version"] = version,
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("A service needs a name.");
        html.ShouldContain("A long description I typed carefully.");
    }

    [Fact]
    public async Task The_edit_page_on_a_conflict_keeps_my_text_and_shows_theirs()
    {
        using var browser = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(browser, "priya-raman");
        var page = await browser.GetStringAsync(new Uri("/services/web-sites/edit", UriKind.Relative));
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        using var other = await portal.CreateApiClientAsync("us-other", Role.WorkingGroupMember);
        (await other.PutAsJsonAsync("/api/services/web-sites", new { kind = "WebSites", name = "Web sites", description = "Their text.", @operator = "Them", version = uint.Parse(version, System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var response = await browser.PostAsync(new Uri("/services/web-sites/edit", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Web sites",
            ["Input.Kind"] = "WebSites",
            ["Input.Operator"] = "Me",
            ["Input.Description"] = "My text.",
            ["Input.Version"] = version,
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        }));

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Someone else changed this record");
        html.ShouldContain("My text.");
        html.ShouldContain("Their text.");
    }

    [Fact]
    public async Task Service_descriptions_are_rendered_inert()
    {
        using var wg = await portal.CreateApiClientAsync("us-xss", Role.WorkingGroupMember);
        var version = (await wg.GetFromJsonAsync<JsonElement>("/api/services/build-system")).GetProperty("version").GetUInt32();
        await wg.PutAsJsonAsync("/api/services/build-system", new
        {
            kind = "BuildSystem",
            name = "Build system",
            description = "**CMake** <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>",
            @operator = "Volunteers",
            version,
        });

        var page = await portal.CreateClient().GetStringAsync(new Uri("/services/build-system", UriKind.Relative));
        var html = System.Text.RegularExpressions.Regex.Match(page, "<div class=\"prose\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

        html.ShouldContain("<strong>CMake</strong>");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("javascript:");
        html.ShouldNotContain("<img");
        page.ShouldNotContain("<script>alert");
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_changed_even_by_the_database_user()
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE audit_events SET action = 'tampered'", connection);

        var error = await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        error.MessageText.ShouldContain("append-only");

        await using var delete = new NpgsqlCommand("DELETE FROM audit_events", connection);
        await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Token_events_are_not_public()
    {
        using var client = await portal.CreateApiClientAsync("us-private");
        await client.PostAsJsonAsync("/api/tokens", new { name = "secret-purpose", expiresInDays = 7 });

        var publicTrail = await portal.CreateClient().GetStringAsync(new Uri("/api/audit?limit=200", UriKind.Relative));
        publicTrail.ShouldNotContain("secret-purpose");
        publicTrail.ShouldNotContain("api-token");
        (await portal.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.RecordKind == "api-token"))).ShouldBeGreaterThan(0);
    }
}
