using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Proposals;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>The API calls the SOW tests make, as a WG member's client would make them.</summary>
internal static class SowApi
{
    public static object Content(string nonFunctional = "No extra queue time at peak.", string route = "RequestForProposals") => new
    {
        title = "Multi-stage CI",
        problem = "Expensive builds run on every commit.",
        workMode = "Two-week iterations with the WG.",
        requiredSkills = "Buildbot, Python 3.",
        functionalRequirements = "Cheap builds gate expensive ones.",
        nonFunctionalRequirements = nonFunctional,
        workItems = new[]
        {
            new { key = "w1", title = "Staged pipeline", description = "Split builders into stages.", criteria = new[] { new { key = "c1", text = "Expensive builders run only after cheap ones pass." } } },
        },
        objectives = new[] { new { key = "s1", serviceSlug = "build-servers", target = "≥ 99.5 %", window = "30 days", measurement = "probes" } },
        serviceSlugs = new[] { "build-servers" },
        route,
    };

    /// <summary>A draft SOW built on a freshly accepted proposal, and the WG member's client that made it.</summary>
    public static async Task<(HttpClient Wg, int SowId)> NewSowAsync(PortalFactory portal, string prefix, bool changesWorkflow = false)
    {
        var author = await portal.CreateApiClientAsync(prefix + "-author");
        var wg = await portal.CreateApiClientAsync(prefix + "-wg", Role.WorkingGroupMember);
        var proposal = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal(changesWorkflow: changesWorkflow));
        (await wg.PostAsJsonAsync($"/api/proposals/{proposal}/transitions", new { to = "UnderDiscussion", reason = "Discuss" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wg.PostAsJsonAsync($"/api/proposals/{proposal}/transitions", new { to = "Accepted", reason = "Agreed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await wg.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { proposal }, title = "Multi-stage CI" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (wg, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
    }

    public static async Task<uint> VersionAsync(HttpClient wg, int id) =>
        (await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{id}")).GetProperty("version").GetUInt32();

    /// <summary>Saves the given text as the draft and publishes it; returns the revision.</summary>
    public static async Task<JsonElement> PublishAsync(HttpClient wg, int id, object content)
    {
        (await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content, version = await VersionAsync(wg, id) })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task MoveAsync(HttpClient wg, int id, string to, string? reason = null) =>
        (await wg.PostAsJsonAsync($"/api/sows/{id}/transitions", new { to, reason })).StatusCode.ShouldBe(HttpStatusCode.OK);
}
