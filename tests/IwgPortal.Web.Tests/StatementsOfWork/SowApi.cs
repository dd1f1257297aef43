using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;
using IwgPortal.Web.Tests.Proposals;

namespace IwgPortal.Web.Tests.StatementsOfWork;

/// <summary>The API calls the SOW tests make to set the scene, as a WG member's script would.</summary>
internal static class SowApi
{
    public static object Content(string title = "Multi-stage CI", string nonFunctional = "No extra queue time at peak.", string route = "RequestForProposals") => new
    {
        title,
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

    /// <summary>A WG member (with an API token) and a new draft SOW built on a freshly accepted proposal.</summary>
    public static async Task<(HttpClient Wg, int SowId)> NewDraftAsync(PortalFactory portal, string prefix, string title = "Multi-stage CI", bool changesWorkflow = false)
    {
        var wg = await portal.CreateApiClientAsync(prefix + "-wg", Role.WorkingGroupMember);
        return (wg, await NewDraftAsync(portal, wg, prefix, title, changesWorkflow));
    }

    /// <summary>A new draft SOW, made by the given WG member's client, built on a freshly accepted proposal.</summary>
    public static async Task<int> NewDraftAsync(PortalFactory portal, HttpClient wg, string prefix, string title = "Multi-stage CI", bool changesWorkflow = false)
    {
        using var author = await portal.CreateApiClientAsync(prefix + "-author");
        var proposal = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal(title, changesWorkflow));
        await ProposalApi.MoveAsync(wg, proposal, "UnderDiscussion", "Discuss");
        await ProposalApi.MoveAsync(wg, proposal, "Accepted", "Agreed");
        var created = await wg.PostAsJsonAsync("/api/sows", new { proposalIds = new[] { proposal }, title });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<uint> VersionAsync(HttpClient wg, int id) =>
        (await wg.GetFromJsonAsync<JsonElement>($"/api/sows/{id}")).GetProperty("version").GetUInt32();

    public static async Task SaveAsync(HttpClient wg, int id, object content)
    {
        using var response = await wg.PutAsJsonAsync($"/api/sows/{id}/draft", new { content, version = await VersionAsync(wg, id) });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static async Task PublishAsync(HttpClient wg, int id)
    {
        using var response = await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Saves the given text as the draft and publishes it; returns the revision.</summary>
    public static async Task<JsonElement> SaveAndPublishAsync(HttpClient wg, int id, object content)
    {
        await SaveAsync(wg, id, content);
        using var published = await wg.PostAsync(new Uri($"/api/sows/{id}/publish", UriKind.Relative), null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task MoveAsync(HttpClient wg, int id, string to, string? reason = null)
    {
        using var response = await wg.PostAsJsonAsync($"/api/sows/{id}/transitions", new { to, reason });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>An SOW with two published revisions that differ in their non-functional requirements.</summary>
    public static async Task<int> TwoRevisionsAsync(PortalFactory portal, string prefix, string title)
    {
        var (wg, id) = await NewDraftAsync(portal, prefix, title);
        using (wg)
        {
            await SaveAsync(wg, id, Content(title));
            await PublishAsync(wg, id);
            await MoveAsync(wg, id, "Draft", "Tighten the NFRs");
            await SaveAsync(wg, id, Content(title, "No extra queue time at any hour."));
            await PublishAsync(wg, id);
        }

        return id;
    }
}
