using System.Net;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public class SowDiscussionPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_comment_posted_on_the_page_is_marked_with_its_revision_once_a_newer_one_is_published()
    {
        var (wg, id, amara) = await PublishedWithAmaraAsync("discuss-page", "Discuss me");
        using var signedIn = amara;
        var page = await amara.GetStringAsync(U($"/sows/{id}"));
        page.ShouldContain("Your comment on revision 1");

        using var empty = await amara.PostAsync(U($"/sows/{id}?handler=Comment"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(page), ("Comment.Body", " ")));
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Write something first.");
        using var posted = await amara.PostAsync(U($"/sows/{id}?handler=Comment"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(page), ("Comment.Body", "Does *peak* include weekends?")));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await SowApi.MoveAsync(wg, id, "Draft", "Weekends answered");
        await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content("Discuss me", "No extra queue time at peak, weekends included."));

        var anonymous = await portal.CreateClient().GetStringAsync(U($"/sows/{id}"));
        anonymous.ShouldContain("Does <em>peak</em> include weekends?");
        anonymous.ShouldContain($"href=\"/sows/{id}/revisions/1\">on revision 1</a>");
        anonymous.ShouldContain("Sign in</a> to comment");
    }

    [Fact]
    public async Task A_page_carries_one_reply_form_and_without_javascript_a_reply_link_opens_it_at_its_thread()
    {
        var (_, id, amara) = await PublishedWithAmaraAsync("discuss-reply", "Reply to me");
        using var signedIn = amara;
        var threads = new List<string>();
        foreach (var body in new[] { "First thread", "Second thread", "Third thread" })
        {
            var current = await amara.GetStringAsync(U($"/sows/{id}"));
            using var posted = await amara.PostAsync(U($"/sows/{id}?handler=Comment"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(current), ("Comment.Body", body)));
            threads.Add(posted.Headers.Location!.OriginalString.Split("#comment-")[1]);
        }

        var page = await amara.GetStringAsync(U($"/sows/{id}"));
        (page.Split("name=\"Comment.ReplyTo\"").Length - 1).ShouldBe(1);
        page.ShouldContain("<template id=\"reply-template\">");
        foreach (var thread in threads)
        {
            page.ShouldContain($"href=\"?reply={thread}#reply-{thread}\" data-reply-to=\"{thread}\"");
        }

        var opened = await amara.GetStringAsync(U($"/sows/{id}?reply={threads[1]}"));
        var outsideTemplate = opened[..opened.IndexOf("<template id=\"reply-template\">", StringComparison.Ordinal)];
        outsideTemplate.ShouldContain($"<input type=\"hidden\" name=\"Comment.ReplyTo\" value=\"{threads[1]}\">");
        outsideTemplate.ShouldContain($"<textarea id=\"reply-{threads[1]}\" name=\"Comment.Body\" rows=\"3\" autofocus=\"autofocus\">");
        outsideTemplate.ShouldNotContain($"data-reply-to=\"{threads[1]}\"");

        using var empty = await amara.PostAsync(U($"/sows/{id}?handler=Comment"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(page), ("Comment.Body", " "), ("Comment.ReplyTo", threads[2])));
        var failed = await empty.Content.ReadAsStringAsync();
        failed.ShouldContain("Write something first.");
        failed.ShouldContain($"<textarea id=\"reply-{threads[2]}\" name=\"Comment.Body\"");

        using var replied = await amara.PostAsync(U($"/sows/{id}?handler=Comment"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(page), ("Comment.Body", "A reply without script"), ("Comment.ReplyTo", threads[2])));
        replied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var anonymous = await portal.CreateClient().GetStringAsync(U($"/sows/{id}"));
        anonymous.ShouldContain("A reply without script");
        anonymous.ShouldNotContain("reply-template");
    }

    /// <summary>A published SOW of a new working-group member, and Amara signed in on the pages.</summary>
    private async Task<(HttpClient Wg, int Id, HttpClient Amara)> PublishedWithAmaraAsync(string prefix, string title)
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, prefix, title);
        await SowApi.SaveAndPublishAsync(wg, id, SowApi.Content(title));
        var amara = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(amara, "amara-okafor");
        return (wg, id, amara);
    }

    [Fact]
    public async Task The_author_edits_a_comment_on_the_shared_edit_page()
    {
        var (_, id, amara) = await PublishedWithAmaraAsync("discuss-edit", "Edit my words");
        using var signedIn = amara;
        var page = await amara.GetStringAsync(U($"/sows/{id}"));
        using var posted = await amara.PostAsync(U($"/sows/{id}?handler=Comment"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(page), ("Comment.Body", "First words")));
        var commentId = posted.Headers.Location!.OriginalString.Split("#comment-")[1];

        var edit = await amara.GetStringAsync(U($"/sows/{id}/comments/{commentId}/edit"));
        edit.ShouldContain("First words");
        edit.ShouldContain("Edit my words");
        using var saved = await amara.PostAsync(U($"/sows/{id}/comments/{commentId}/edit"), SowPagesTests.Form(PortalFactory.AntiforgeryToken(edit), ("Input.Body", "Better words")));
        saved.Headers.Location!.OriginalString.ShouldBe($"/sows/{id}#comment-{commentId}");
        (await portal.CreateClient().GetStringAsync(U($"/sows/{id}"))).ShouldContain("Better words");
    }
}
