using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Api;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class BountyRouteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_working_group_sets_a_public_bounty_and_selects_one_applicant()
    {
        using var wg = await portal.CreateApiClientAsync("bty-wg", Role.WorkingGroupMember);
        using var alice = await portal.CreateApiClientAsync("bty-alice");
        using var bob = await portal.CreateApiClientAsync("bty-bob");
        using var anonymous = portal.CreateClient();
        var id = await SourcingKit.PublishedSowAsync(portal, wg, "bty", "Bounty", sourcing: false);

        await ProblemDetailsTests.ShouldBeProblem(await alice.PutAsJsonAsync($"/api/sows/{id}/bounty", new { amount = 1500m, currency = "EUR" }), HttpStatusCode.Forbidden);
        (await wg.PutAsJsonAsync($"/api/sows/{id}/bounty", new { amount = 1500m, currency = "eur" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemDetailsTests.ShouldBeProblem(await alice.PostAsJsonAsync($"/api/sows/{id}/bounty/applications", new { plan = "Too early." }), HttpStatusCode.Conflict);
        await SourcingKit.MoveAsync(wg, id, "Sourcing");
        var first = await SourcingKit.CreatedIdAsync(await alice.PostAsJsonAsync($"/api/sows/{id}/bounty/applications", new { plan = "Two weekends." }));
        var second = await SourcingKit.CreatedIdAsync(await bob.PostAsJsonAsync($"/api/sows/{id}/bounty/applications", new { plan = "One week." }));
        await ProblemDetailsTests.ShouldBeProblem(await alice.PostAsJsonAsync($"/api/sows/{id}/bounty/applications", new { plan = "Again." }), HttpStatusCode.Conflict);

        (await ProblemDetailsTests.ShouldBeProblem(await wg.PutAsJsonAsync($"/api/sows/{id}/bounty", new { amount = 900m, currency = "EUR" }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("applied");
        await ProblemDetailsTests.ShouldBeProblem(await alice.PostAsync(new Uri($"/api/sows/{id}/bounty/applications/{first}/select", UriKind.Relative), null), HttpStatusCode.Forbidden);
        (await wg.PostAsync(new Uri($"/api/sows/{id}/bounty/applications/{second}/select", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemDetailsTests.ShouldBeProblem(await wg.PostAsync(new Uri($"/api/sows/{id}/bounty/applications/{first}/select", UriKind.Relative), null), HttpStatusCode.Conflict);

        var bounty = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sows/{id}/bounty");
        bounty.GetProperty("current").GetProperty("amount").GetDecimal().ShouldBe(1500m);
        bounty.GetProperty("current").GetProperty("currency").GetString().ShouldBe("EUR");
        bounty.GetProperty("applications").GetArrayLength().ShouldBe(2);
        bounty.GetProperty("selected").GetString().ShouldBe("bty-bob");
    }

    [Fact]
    public async Task A_new_amount_supersedes_the_old_one_and_both_stay_in_the_history()
    {
        using var wg = await portal.CreateApiClientAsync("bty2-wg", Role.WorkingGroupMember);
        var id = await SourcingKit.PublishedSowAsync(portal, wg, "bty2", "Bounty");

        (await wg.PutAsJsonAsync($"/api/sows/{id}/bounty", new { amount = 1500m, currency = "EUR" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wg.PutAsJsonAsync($"/api/sows/{id}/bounty", new { amount = 2000m, currency = "USD" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var bounty = await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/sows/{id}/bounty");
        bounty.GetProperty("current").GetProperty("amount").GetDecimal().ShouldBe(2000m);
        var history = bounty.GetProperty("history").EnumerateArray().ToList();
        history.Select(h => h.GetProperty("amount").GetDecimal()).ShouldBe([1500m, 2000m]);
        history[0].GetProperty("supersededAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Bad_bounty_input_is_400_with_field_errors_and_the_wrong_route_is_409()
    {
        using var wg = await portal.CreateApiClientAsync("bty3-wg", Role.WorkingGroupMember);
        var id = await SourcingKit.PublishedSowAsync(portal, wg, "bty3", "Bounty");
        var volunteers = await SourcingKit.PublishedSowAsync(portal, wg, "bty3v", "Volunteers");

        var errors = (await ProblemDetailsTests.ShouldBeProblem(await wg.PutAsJsonAsync($"/api/sows/{id}/bounty", new { amount = 0m, currency = "EURO" }), HttpStatusCode.BadRequest))
            .GetProperty("errors");
        errors.TryGetProperty("Amount", out _).ShouldBeTrue();
        errors.TryGetProperty("Currency", out _).ShouldBeTrue();
        await ProblemDetailsTests.ShouldBeProblem(await wg.PutAsJsonAsync($"/api/sows/{volunteers}/bounty", new { amount = 10m, currency = "EUR" }), HttpStatusCode.Conflict);
        await ProblemDetailsTests.ShouldBeProblem(await portal.CreateClient().GetAsync(new Uri($"/api/sows/{volunteers}/bounty", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
