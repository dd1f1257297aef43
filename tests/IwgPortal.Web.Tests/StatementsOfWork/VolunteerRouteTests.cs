using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class VolunteerRouteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Community_members_volunteer_and_the_working_group_assigns_them_in_public()
    {
        using var wg = await portal.CreateApiClientAsync("vol-wg", Role.WorkingGroupMember);
        using var alice = await portal.CreateApiClientAsync("vol-alice");
        using var anonymous = portal.CreateClient();
        var id = await SourcingKit.PublishedSowAsync(portal, wg, "vol", "Volunteers");

        var offer = await SourcingKit.CreatedIdAsync(await alice.PostAsJsonAsync($"/api/sows/{id}/volunteers", new { note = "I run Buildbot at work." }));
        await ProblemDetailsTests.ShouldBeProblem(await anonymous.PostAsJsonAsync($"/api/sows/{id}/volunteers", new { note = "Me" }), HttpStatusCode.Unauthorized);
        await ProblemDetailsTests.ShouldBeProblem(await alice.PostAsync(new Uri($"/api/sows/{id}/volunteers/{offer}/assign", UriKind.Relative), null), HttpStatusCode.Forbidden);
        (await wg.PostAsync(new Uri($"/api/sows/{id}/volunteers/{offer}/assign", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{id}/volunteers");
        var item = list.EnumerateArray().Single();
        item.GetProperty("volunteer").GetString().ShouldBe("vol-alice");
        item.GetProperty("note").GetString().ShouldBe("I run Buildbot at work.");
        item.GetProperty("assigned").GetBoolean().ShouldBeTrue();
        item.GetProperty("assignedBy").GetString().ShouldBe("vol-wg");
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsync(new Uri($"/api/sows/{id}/volunteers/{offer}/assign", UriKind.Relative), null), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsync(new Uri($"/api/sows/{id}/volunteers/999999/assign", UriKind.Relative), null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Volunteering_needs_the_volunteers_route_a_sourcing_sow_and_a_note()
    {
        using var wg = await portal.CreateApiClientAsync("vol2-wg", Role.WorkingGroupMember);
        using var bob = await portal.CreateApiClientAsync("vol2-bob");
        var rfpSow = await SourcingKit.PublishedSowAsync(portal, wg, "vol2a", "RequestForProposals");
        var published = await SourcingKit.PublishedSowAsync(portal, wg, "vol2b", "Volunteers", sourcing: false);

        (await ProblemDetailsTests.ShouldBeProblem(await bob.PostAsJsonAsync($"/api/sows/{rfpSow}/volunteers", new { note = "Me" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("request for proposals");
        (await ProblemDetailsTests.ShouldBeProblem(await bob.PostAsJsonAsync($"/api/sows/{published}/volunteers", new { note = "Me" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("Sourcing");
        (await ProblemDetailsTests.ShouldBeProblem(await bob.PostAsJsonAsync($"/api/sows/{published}/volunteers", new { note = "" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("Note", out _).ShouldBeTrue();
        await ProblemDetailsTests.ShouldBeProblem(await bob.PostAsJsonAsync("/api/sows/999999/volunteers", new { note = "Me" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_public_audit_trail_names_records_in_words_and_links_statements_of_work()
    {
        using var wg = await portal.CreateApiClientAsync("vol3-wg", Role.WorkingGroupMember);
        using var carol = await portal.CreateApiClientAsync("vol3-carol");
        var id = await SourcingKit.PublishedSowAsync(portal, wg, "vol3", "Volunteers");
        var offer = await SourcingKit.CreatedIdAsync(await carol.PostAsJsonAsync($"/api/sows/{id}/volunteers", new { note = "I can help." }));

        var html = await portal.CreateClient().GetStringAsync(new Uri("/audit", UriKind.Relative));
        html.ShouldContain($"<a href=\"/sows/{id}\">statement of work #{id}</a>");
        html.ShouldContain($"volunteer offer #{offer}");
        html.ShouldNotContain("sow-volunteer");
    }
}
