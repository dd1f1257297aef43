using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Testing;
using IwgPortal.Web.Hosting;

namespace IwgPortal.Web.Tests.Api;

public class PlatformTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var client = portal.CreateClient();
        (await client.GetStringAsync(new Uri("/health/live", UriKind.Relative))).ShouldBe("Healthy");
        (await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative))).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_fails_when_the_database_is_unreachable()
    {
        await using var broken = PortalFactory.Create(new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" },
            connectionString: "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");
        using var client = broken.CreateClient();

        (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Metrics_are_exposed_in_prometheus_format()
    {
        using var client = portal.CreateClient();
        await client.GetAsync(new Uri("/services", UriKind.Relative));

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        metrics.ShouldContain("# TYPE");
        metrics.ShouldContain("http_server_request_duration");
    }

    [Fact]
    public async Task Metrics_leave_out_the_counters_recorded_many_times_a_request_and_keep_the_rest()
    {
        using var client = portal.CreateClient();
        (await client.GetAsync(new Uri("/api/proposals", UriKind.Relative))).EnsureSuccessStatusCode();

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        metrics.ShouldContain("http_server_request_duration_seconds");
        metrics.ShouldContain("db_client_operation_duration_seconds");
        metrics.ShouldContain("db_client_connection_count");
        foreach (var dropped in MetricViews.Dropped)
        {
            metrics.ShouldNotContain(dropped.Replace('.', '_'), customMessage: dropped);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_bearer_tokens()
    {
        using var client = portal.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/me", "/api/tokens", "/api/tokens/{id}", "/api/services", "/api/services/{slug}", "/api/people", "/api/audit", "/api/markdown/preview" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue(path);
        }

        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [Fact]
    public async Task The_interactive_api_docs_are_served_locally()
    {
        using var client = portal.CreateClient();
        var html = await client.GetStringAsync(new Uri("/api/docs/", UriKind.Relative));

        html.ShouldContain("IWG Portal API");
        html.ShouldNotContain("cdn.");
        (await client.GetAsync(new Uri("/api/docs/scalar.js", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_markdown_preview_renders_what_pages_will_show()
    {
        using var client = await portal.CreateApiClientAsync("md-writer");
        var response = await client.PostAsJsonAsync("/api/markdown/preview", new { text = "# Title\n\n*hi* <script>alert(1)</script> [x](javascript:alert(1)) https://example.org" });

        var html = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("html").GetString()!;
        html.ShouldContain("<em>hi</em>");
        html.ShouldContain("rel=\"nofollow noopener noreferrer ugc\"");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("javascript:");
    }

    [Fact]
    public async Task The_markdown_preview_needs_a_sign_in_and_a_sane_size()
    {
        using var anonymous = portal.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/markdown/preview", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var client = await portal.CreateApiClientAsync("md-big");
        var big = await client.PostAsJsonAsync("/api/markdown/preview", new { text = new string('a', 100_001) });
        await ProblemDetailsTests.ShouldBeProblem(big, HttpStatusCode.BadRequest);
    }
}
