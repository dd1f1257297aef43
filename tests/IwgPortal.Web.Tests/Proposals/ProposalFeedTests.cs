using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IwgPortal.Domain.Membership;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.Proposals;

public class ProposalFeedTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_proposals_feed_is_atom_with_absolute_links_and_a_plain_text_summary()
    {
        using var author = await portal.CreateApiClientAsync("pf-author");
        var problem = "Our **Python 2** scripts break on every new distribution. " + string.Concat(Enumerable.Repeat("More words about the problem. ", 30));
        var id = await ProposalApi.SubmitAsync(author, "Migrate the feed scripts to Python 3", problem);

        using var response = await portal.CreateClient().GetAsync(new Uri("/proposals/feed", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/atom+xml; charset=utf-8");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        feed.Name.ShouldBe(Atom + "feed");
        feed.Element(Atom + "id")!.Value.ShouldStartWith("tag:localhost,");
        DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
        Link(feed, "self").ShouldBe("http://localhost/proposals/feed");
        Link(feed, "alternate").ShouldBe("http://localhost/proposals");

        var entry = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == "Migrate the feed scripts to Python 3");
        entry.Element(Atom + "id")!.Value.ShouldBe($"tag:localhost,2026:proposal/{id}");
        entry.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldBe("pf-author");
        Link(entry, "alternate").ShouldBe($"http://localhost/proposals/{id}/migrate-the-feed-scripts-to-python-3");
        var summary = entry.Element(Atom + "summary")!.Value;
        summary.ShouldStartWith("Our Python 2 scripts break");
        summary.ShouldNotContain("**");
        summary.Length.ShouldBeLessThanOrEqualTo(301);
        feed.Elements(Atom + "entry").Count().ShouldBeLessThanOrEqualTo(50);
    }

    [Fact]
    public async Task A_proposal_feed_lists_state_changes_with_actor_and_reason_and_comments_newest_first()
    {
        using var author = await portal.CreateApiClientAsync("pf-ann");
        using var wg = await portal.CreateApiClientAsync("pf-wg", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, "Define SLOs for the build bots", "Nobody knows when the bots are *too* slow.");
        await ProposalApi.MoveAsync(wg, id, "UnderDiscussion", "Worth discussing at the next meeting.");
        var commentId = await ProposalApi.CommentAsync(wg, id, "I'd start with **queue time** per worker.");

        using var response = await portal.CreateClient().GetAsync(new Uri($"/proposals/{id}/feed", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/atom+xml; charset=utf-8");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Link(feed, "self").ShouldBe($"http://localhost/proposals/{id}/feed");
        Link(feed, "alternate").ShouldBe($"http://localhost/proposals/{id}/define-slos-for-the-build-bots");
        var entries = feed.Elements(Atom + "entry").ToList();
        // Transition ids are database ids: the test cares that the move sits between the comment and the submission.
        entries.Select(e => Regex.Replace(e.Element(Atom + "id")!.Value, "/transition/\\d+$", "/transition/")).ShouldBe(
            [$"tag:localhost,2026:proposal/{id}/comment/{commentId}", $"tag:localhost,2026:proposal/{id}/transition/", $"tag:localhost,2026:proposal/{id}"]);

        var comment = entries[0];
        comment.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldBe("pf-wg");
        var content = comment.Element(Atom + "content")!;
        content.Attribute("type")!.Value.ShouldBe("html");
        content.Value.ShouldContain("<strong>queue time</strong>");
        Link(comment, "alternate").ShouldBe($"http://localhost/proposals/{id}/define-slos-for-the-build-bots#comment-{commentId}");

        var move = entries[1];
        move.Element(Atom + "title")!.Value.ShouldBe("Under discussion: Define SLOs for the build bots");
        move.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldBe("pf-wg");
        move.Element(Atom + "content")!.Value.ShouldContain("Worth discussing at the next meeting.");
        foreach (var entry in entries)
        {
            DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
        }
    }

    [Fact]
    public async Task A_hidden_comment_shows_only_its_reason_never_its_text()
    {
        using var author = await portal.CreateApiClientAsync("pf-bob");
        using var troll = await portal.CreateApiClientAsync("pf-troll");
        using var wg = await portal.CreateApiClientAsync("pf-mod", Role.WorkingGroupMember);
        var id = await ProposalApi.SubmitAsync(author, "Central accounts", "Accounts live in five places.");
        var hidden = await ProposalApi.CommentAsync(troll, id, "Insulting words zxqv-unique-text");
        await ProposalApi.CommentAsync(author, id, "A civil answer.");
        await ProposalApi.HideAsync(wg, id, hidden, "Personal attack");

        var xml = await portal.CreateClient().GetStringAsync(new Uri($"/proposals/{id}/feed", UriKind.Relative));

        xml.ShouldNotContain("zxqv-unique-text");
        xml.ShouldNotContain("Insulting");
        var entries = XDocument.Parse(xml).Root!.Elements(Atom + "entry").ToList();
        var entry = entries.Single(e => e.Element(Atom + "id")!.Value.EndsWith($"/comment/{hidden}", StringComparison.Ordinal));
        entry.Element(Atom + "title")!.Value.ShouldBe("A comment was hidden by the working group: Personal attack");
        entry.Element(Atom + "content").ShouldBeNull();
        entries.ShouldContain(e => e.Element(Atom + "content") != null && e.Element(Atom + "content")!.Value.Contains("A civil answer.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Script_in_a_comment_is_not_in_the_feed_as_markup()
    {
        using var author = await portal.CreateApiClientAsync("pf-eve");
        var id = await ProposalApi.SubmitAsync(author, "Harmless title", "<script>alert('problem')</script> text");
        await ProposalApi.CommentAsync(author, id, "<script>alert('comment')</script> and [click me](javascript:alert(1)) <img src=x onerror=alert(2)>");

        var xml = await portal.CreateClient().GetStringAsync(new Uri($"/proposals/{id}/feed", UriKind.Relative));

        xml.ShouldNotContain("<script", Case.Insensitive);
        foreach (var content in XDocument.Parse(xml).Root!.Descendants(Atom + "content"))
        {
            content.Value.ShouldNotContain("<script", Case.Insensitive);
            content.Value.ShouldNotContain("javascript:", Case.Insensitive);
            Regex.IsMatch(content.Value, "<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase).ShouldBeFalse("no tag in the HTML carries an event handler");
        }
    }

    [Fact]
    public async Task The_feed_of_an_unknown_proposal_is_a_404()
    {
        using var response = await portal.CreateClient().GetAsync(new Uri("/proposals/999999/feed", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Link(XElement parent, string rel) =>
        parent.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == rel).Attribute("href")!.Value;
}
