using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.Api;

/// <summary>Every error of the API is an RFC 9457 problem document, never a 500 or a stack trace.</summary>
public class ProblemDetailsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_access_to_a_protected_endpoint_is_401()
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        await ShouldBeProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_token_is_401_with_a_bearer_challenge()
    {
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "iwg_not-a-real-token");
        var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));

        await ShouldBeProblem(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Bearer");
    }

    [Fact]
    public async Task A_community_member_may_not_edit_a_service_403()
    {
        using var client = await portal.CreateApiClientAsync("pd-community");
        var response = await client.PutAsJsonAsync("/api/services/forum", new { kind = "Forum", name = "X", description = "Y", @operator = "Z", version = 1 });

        await ShouldBeProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_service_is_404_with_a_reason()
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/api/services/no-such-service", UriKind.Relative));

        var problem = await ShouldBeProblem(response, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("no-such-service");
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        using var client = portal.CreateClient();
        await ShouldBeProblem(await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_field_errors()
    {
        using var client = await portal.CreateApiClientAsync("pd-fields");
        var response = await client.PostAsJsonAsync("/api/tokens", new { name = "", expiresInDays = 9000 });

        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("Name").EnumerateArray().ShouldNotBeEmpty();
        errors.GetProperty("ExpiresInDays").EnumerateArray().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"name\": 12, \"expiresInDays\": \"soon\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_400_not_500(string body)
    {
        using var client = await portal.CreateApiClientAsync("pd-json-" + Math.Abs(body.GetHashCode(StringComparison.Ordinal)));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/tokens", UriKind.Relative), content);

        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem.ToString().ShouldNotContain("   at ");
    }

    [Fact]
    public async Task An_unknown_enum_value_is_400()
    {
        using var client = await portal.CreateApiClientAsync("pd-admin-enum", Role.Admin);
        var target = await portal.CreatePersonAsync("pd-target-enum");
        var response = await client.PostAsJsonAsync($"/api/admin/people/{target}/roles", new { role = "Emperor" });

        await ShouldBeProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_malformed_id_is_404()
    {
        using var client = await portal.CreateApiClientAsync("pd-malformed-id");
        var response = await client.DeleteAsync(new Uri("/api/tokens/abc", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Breaking_a_rule_is_409()
    {
        using var client = await portal.CreateApiClientAsync("pd-rule");
        var created = await (await client.PostAsJsonAsync("/api/tokens", new { name = "twice", expiresInDays = 7 })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        (await client.DeleteAsync(new Uri($"/api/tokens/{id}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var again = await client.DeleteAsync(new Uri($"/api/tokens/{id}", UriKind.Relative));

        var problem = await ShouldBeProblem(again, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("already revoked");
    }

    internal static async Task<JsonElement> ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }
}
