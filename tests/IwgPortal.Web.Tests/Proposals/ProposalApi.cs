using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IwgPortal.Web.Tests.Proposals;

/// <summary>The few API calls the proposal tests make, as a client would make them.</summary>
internal static class ProposalApi
{
    public static object NewProposal(string title = "Multi-stage CI", bool changesWorkflow = false, string[]? services = null) => new
    {
        title,
        problem = "Every commit runs the **expensive** builds, and the queue is hours long.",
        desiredOutcome = "Cheap builds first; expensive builds only where the cheap ones passed.",
        changesWorkflow,
        services = services ?? ["build-servers"],
        links = new[] { "https://example.org/ci" },
    };

    public static async Task<int> SubmitAsync(HttpClient client, object proposal)
    {
        var response = await client.PostAsJsonAsync("/api/proposals", proposal);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<int> SubmitAsync(HttpClient client, string title, string problem, string desiredOutcome = "Something better.")
    {
        using var response = await client.PostAsJsonAsync("/api/proposals", new { title, problem, desiredOutcome, changesWorkflow = false });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<int> CommentAsync(HttpClient client, int proposalId, string body, int? replyTo = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/proposals/{proposalId}/comments", new { body, replyTo });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task MoveAsync(HttpClient client, int proposalId, string to, string reason)
    {
        using var response = await client.PostAsJsonAsync($"/api/proposals/{proposalId}/transitions", new { to, reason });
        response.EnsureSuccessStatusCode();
    }

    public static async Task HideAsync(HttpClient client, int proposalId, int commentId, string reason)
    {
        using var response = await client.PostAsJsonAsync($"/api/proposals/{proposalId}/comments/{commentId}/hide", new { reason });
        response.EnsureSuccessStatusCode();
    }
}
