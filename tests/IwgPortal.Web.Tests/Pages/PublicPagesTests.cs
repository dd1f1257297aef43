using System.Net;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.Pages;

public class PublicPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/", "Infrastructure Working Group")]
    [InlineData("/services", "Infrastructure services")]
    [InlineData("/services/forum", "Forum")]
    [InlineData("/group", "Priya Raman")]
    [InlineData("/people/lena-fischer", "Working-group member")]
    [InlineData("/audit", "Activity")]
    [InlineData("/account/signin", "Sign in")]
    public async Task Public_pages_render_for_anonymous_visitors(string path, string expected)
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
    }

    [Fact]
    public async Task The_home_page_shows_the_services_and_the_working_group()
    {
        using var client = portal.CreateClient();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        html.ShouldContain("Source code repository");
        html.ShouldContain("Documentation of the tools");
        html.ShouldContain("Priya Raman");
        html.ShouldContain("Chair");
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("There is nothing at this address");
    }

    [Fact]
    public async Task An_unknown_service_page_is_a_404_that_says_so()
    {
        using var client = portal.CreateClient();
        var response = await client.GetAsync(new Uri("/services/no-such-service", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("There is no service");
    }
}
