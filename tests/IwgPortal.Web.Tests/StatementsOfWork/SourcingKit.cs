using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Proposals;
using Microsoft.Extensions.Time.Testing;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>A portal whose clock the tests move forward, to pass an RFP's deadline. Tests of one class run one after another.</summary>
public sealed class SourcingPortal : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public PortalFactory Portal { get; private set; } = null!;

    public Task InitializeAsync()
    {
        // Debug logging, so the confidentiality tests read everything the log could ever hold.
        Portal = PortalFactory.Create(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Debug" }, clock: Clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>The API calls the delivery-route tests make, as clients would make them.</summary>
internal static class SourcingKit
{
    public static object Content(string route) => SowApi.Content(route: route);

    /// <summary>A published SOW with the given route, moved to Sourcing unless told otherwise.</summary>
    public static async Task<int> PublishedSowAsync(PortalFactory portal, HttpClient wg, string prefix, string route, bool sourcing = true)
    {
        var id = await SowApi.NewDraftAsync(portal, wg, prefix);
        await SowApi.SaveAsync(wg, id, Content(route));
        await SowApi.PublishAsync(wg, id);
        if (sourcing)
        {
            await MoveAsync(wg, id, "Sourcing");
        }

        return id;
    }

    public static async Task MoveAsync(HttpClient wg, int id, string to) =>
        (await wg.PostAsJsonAsync($"/api/sows/{id}/transitions", new { to, reason = "Next step" })).StatusCode.ShouldBe(HttpStatusCode.OK);

    public static async Task<int> CreatedIdAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.Created)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static object Offer(string organisation = "Acme Builds Ltd", decimal price = 12_000m, string approach = "Staged Buildbot builders.", string schedule = "Six weeks.", string? attachments = "https://example.org/plan.pdf") =>
        new { organisation, price, currency = "EUR", schedule, approach, attachments };

    public static object Rfp(DateTimeOffset deadline) => new
    {
        deadline,
        criteria = new[] { new { name = "Price", weight = 3 }, new { name = "Approach", weight = 1 } },
    };

    public static Role[] Roles(params Role[] roles) => roles;
}
