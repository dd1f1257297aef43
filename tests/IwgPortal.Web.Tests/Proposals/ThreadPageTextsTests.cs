using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IwgPortal.Domain.Proposals;
using IwgPortal.Testing;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Caching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IwgPortal.Web.Tests.Proposals;

/// <summary>
/// A thread page finds each comment's HTML by the hash the database keeps of its text, and reads
/// only the texts it has not rendered yet (ADR 15).
/// </summary>
public class ThreadPageTextsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_database_hashes_a_text_as_the_renderer_keys_it()
    {
        using var author = await portal.CreateApiClientAsync("tp-hash");
        var id = await ProposalApi.SubmitAsync(author, ProposalApi.NewProposal());
        const string body = "Grüße from the **mirror** team: ✓ 🚀 — naïve café";
        var commentId = await ProposalApi.CommentAsync(author, id, body);

        var stored = await HashOfAsync(commentId);
        stored.ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

        var markdown = portal.Services.GetRequiredService<MarkdownRenderer>();
        var html = markdown.ToHtml(body);
        markdown.TryGetRendered(stored, out var found).ShouldBeTrue();
        found.ShouldBe(html);
        markdown.TryGetRendered(SHA256.HashData(Encoding.UTF8.GetBytes(body + " ")), out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_thread_page_reads_only_the_texts_it_has_not_rendered_and_shows_an_edit_at_once()
    {
        using var reader = await portal.CreateApiClientAsync("tp-reader");
        var id = await ProposalApi.SubmitAsync(reader, ProposalApi.NewProposal("Texts read once"));
        await ProposalApi.CommentAsync(reader, id, "The first comment.");
        var slug = (await portal.CreateClient().GetFromJsonAsync<JsonElement>($"/api/proposals/{id}")).GetProperty("slug").GetString();
        var page = $"/proposals/{id}/{slug}";

        // Written past the portal, so no one has rendered them: as after a restart.
        var person = await portal.WithDbAsync(db => db.People.Where(p => p.Login == "tp-reader").Select(p => p.Id).SingleAsync());
        var written = await portal.WithDbAsync(async db =>
        {
            var proposal = await db.Proposals.SingleAsync(p => p.Id == id);
            var comments = Enumerable.Range(1, 3).Select(n => Comment.Write(proposal, person, null, $"Written **elsewhere** {n}, café ✓", DateTimeOffset.UtcNow)).ToList();
            db.Comments.AddRange(comments);
            await db.SaveChangesAsync();
            return comments.Select(c => c.Id).ToList();
        });

        // Both reads computed in full, so that the texts are the only difference between them.
        var (html, cold) = await ComputedPageAsync(reader, page);
        foreach (var n in new[] { 1, 2, 3 })
        {
            html.ShouldContain($"<strong>elsewhere</strong> {n}, café ✓");
        }

        (html, var again) = await ComputedPageAsync(reader, page);
        cold.ShouldBe(again + 1, "the texts not rendered yet are read in one more statement, and once rendered found by their hash");
        html.ShouldContain("<strong>elsewhere</strong> 3, café ✓");

        (await reader.PutAsJsonAsync($"/api/proposals/{id}/comments/{written[1]}", new { body = "Now **edited** instead" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (html, _) = await ComputedPageAsync(reader, page);
        html.ShouldContain("<strong>edited</strong> instead");
        html.ShouldContain("Earlier versions (1)");
    }

    private async Task<(string Html, int Statements)> ComputedPageAsync(HttpClient client, string path)
    {
        await portal.Services.GetRequiredService<PublicContent>().ChangedAsync();
        var (response, statements) = await SqlStatementCounter.GetAsync(client, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return (await response.Content.ReadAsStringAsync(), statements);
    }

    private Task<byte[]> HashOfAsync(int commentId) => portal.WithDbAsync(db =>
        db.Database.SqlQuery<byte[]>($"SELECT body_sha256 AS \"Value\" FROM comments WHERE id = {commentId}").SingleAsync());
}
