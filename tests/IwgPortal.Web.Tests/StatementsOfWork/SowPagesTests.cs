using System.Net;
using System.Text.RegularExpressions;
using IwgPortal.Testing;

namespace IwgPortal.Web.Tests.StatementsOfWork;

public partial class SowPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Anyone_reads_a_published_statement_of_work_its_revisions_and_what_changed()
    {
        var id = await SowApi.TwoRevisionsAsync(portal, "pages-public", "Staged builds for everyone");
        using var anonymous = portal.CreateClient();

        var list = await anonymous.GetStringAsync(U("/sows"));
        list.ShouldContain("Staged builds for everyone");
        list.ShouldContain("Request for proposals");
        list.ShouldNotContain("New statement of work");

        var detail = await anonymous.GetStringAsync(U($"/sows/{id}"));
        detail.ShouldContain("No extra queue time at any hour.");
        detail.ShouldContain("Expensive builders run only after cheap ones pass.");
        detail.ShouldContain($"href=\"/sows/{id}/revisions/1\"");
        detail.ShouldContain("Tighten the NFRs");
        detail.ShouldMatch("<code class=\"sha\"[^>]*>(<span class=\"sha-group\">[0-9a-f]{16}</span>){4}</code>");
        detail.ShouldNotContain("Move this statement of work");
        detail.ShouldNotContain("Edit draft");

        var revision = await anonymous.GetStringAsync(U($"/sows/{id}/revisions/1"));
        revision.ShouldContain("No extra queue time at peak.");
        revision.ShouldContain("Revision 2 →");

        var compare = await anonymous.GetStringAsync(U($"/sows/{id}/compare?from=1&to=2"));
        compare.ShouldContain("Non-functional requirements");
        compare.ShouldContain("<ins>any hour.</ins>");
        compare.ShouldContain("<del>peak.</del>");
        compare.ShouldContain("Unchanged: title");
    }

    [Fact]
    public async Task An_unpublished_draft_does_not_exist_for_visitors_and_its_editor_asks_them_to_sign_in()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "pages-hidden", "A quiet draft");
        wg.Dispose();
        using var anonymous = portal.CreateBrowserClient();

        (await anonymous.GetAsync(U($"/sows/{id}"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetStringAsync(U("/sows"))).ShouldNotContain("A quiet draft");
        var edit = await anonymous.GetAsync(U($"/sows/{id}/edit"));
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        edit.Headers.Location!.OriginalString.ShouldContain("/account/signin");
    }

    [Fact]
    public async Task A_community_member_can_read_but_not_edit()
    {
        var id = await SowApi.TwoRevisionsAsync(portal, "pages-community", "Read but do not touch");
        using var amara = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(amara, "amara-okafor");

        var detail = await amara.GetAsync(U($"/sows/{id}"));
        detail.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await detail.Content.ReadAsStringAsync()).ShouldNotContain("Move this statement of work");
        var edit = await amara.GetAsync(U($"/sows/{id}/edit"));
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        edit.Headers.Location!.OriginalString.ShouldContain("/account/denied");

        var token = PortalFactory.AntiforgeryToken(await detail.Content.ReadAsStringAsync());
        using var post = await amara.PostAsync(U($"/sows/{id}/edit"), Form(token, ("Input.Title", "Hijacked"), ("Input.Version", "1")));
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.OriginalString.ShouldContain("/account/denied");
    }

    [Fact]
    public async Task A_save_without_javascript_over_a_newer_save_shows_both_texts_and_loses_nothing()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "pages-merge", "Merge me");
        using var lena = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(lena, "lena-fischer");
        var form = await lena.GetStringAsync(U($"/sows/{id}/edit"));
        var version = VersionField().Match(form).Groups[1].Value;
        version.ShouldNotBeEmpty();

        // Another member saves while Lena types.
        await SowApi.SaveAsync(wg, id, SowApi.Content("Merge me", "Theirs: builds finish within ten minutes."));

        using var response = await lena.PostAsync(U($"/sows/{id}/edit"), Form(PortalFactory.AntiforgeryToken(form),
            ("Input.Title", "Merge me"),
            ("Input.NonFunctionalRequirements", "Mine: no build waits in the queue."),
            ("Input.WorkItems[0].Key", "w1"),
            ("Input.WorkItems[0].Title", "My work item"),
            ("Input.WorkItems[0].Criteria[0].Key", "c1"),
            ("Input.WorkItems[0].Criteria[0].Text", "My criterion"),
            ("Input.Version", version),
            ("Op", "save")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("Another working-group member saved this draft while you were editing.");
        html.ShouldContain(">Mine: no build waits in the queue.</textarea>");
        html.ShouldContain("value=\"My work item\"");
        html.ShouldContain("Saved meanwhile by another member");
        html.ShouldContain("<ins>Theirs: builds finish within ten minutes.</ins>");
        html.ShouldContain("<ins>Staged pipeline</ins>");
        var newVersion = VersionField().Match(html).Groups[1].Value;
        newVersion.ShouldNotBe(version);

        // Nothing of theirs was overwritten; a second save, knowing theirs, goes through.
        (await SowApi.VersionAsync(wg, id)).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(newVersion);
        using var again = await lena.PostAsync(U($"/sows/{id}/edit"), Form(PortalFactory.AntiforgeryToken(html),
            ("Input.Title", "Merge me"), ("Input.NonFunctionalRequirements", "Mine, and builds finish within ten minutes."), ("Input.Version", newVersion), ("Op", "save")));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await lena.GetStringAsync(U($"/sows/{id}/edit"))).ShouldContain("Mine, and builds finish within ten minutes.");
        wg.Dispose();
    }

    [Fact]
    public async Task Without_javascript_work_items_are_added_and_reordered_and_an_incomplete_draft_shows_what_is_missing()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "pages-nojs", "Reorder me");
        wg.Dispose();
        using var lena = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(lena, "lena-fischer");
        var form = await lena.GetStringAsync(U($"/sows/{id}/edit"));

        using var added = await lena.PostAsync(U($"/sows/{id}/edit"), Form(PortalFactory.AntiforgeryToken(form),
            ("Input.Title", "Reorder me"),
            ("Input.WorkItems[0].Key", "w1"), ("Input.WorkItems[0].Title", "First"),
            ("Input.Version", VersionField().Match(form).Groups[1].Value), ("Op", "add-item")));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        form = await lena.GetStringAsync(U($"/sows/{id}/edit"));
        form.ShouldContain("value=\"First\"");
        form.ShouldContain("id=\"item-w2\"");

        using var moved = await lena.PostAsync(U($"/sows/{id}/edit"), Form(PortalFactory.AntiforgeryToken(form),
            ("Input.Title", "Reorder me"),
            ("Input.WorkItems[0].Key", "w1"), ("Input.WorkItems[0].Title", "First"),
            ("Input.WorkItems[1].Key", "w2"), ("Input.WorkItems[1].Title", "Second"),
            ("Input.Version", VersionField().Match(form).Groups[1].Value), ("Op", "up-item:1")));
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        form = await lena.GetStringAsync(U($"/sows/{id}/edit"));
        form.IndexOf("value=\"Second\"", StringComparison.Ordinal).ShouldBeLessThan(form.IndexOf("value=\"First\"", StringComparison.Ordinal));

        using var publish = await lena.PostAsync(U($"/sows/{id}/edit?handler=Publish"), Form(PortalFactory.AntiforgeryToken(form),
            ("Input.Title", "Reorder me"), ("Input.WorkItems[0].Key", "w2"), ("Input.WorkItems[0].Title", "Second"),
            ("Input.Version", VersionField().Match(form).Groups[1].Value)));
        publish.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await publish.Content.ReadAsStringAsync());
        html.ShouldContain("Not ready to publish yet");
        html.ShouldContain("<span class=\"field-error\">The work mode is empty.</span>");
        html.ShouldContain("<span class=\"field-error\">No delivery route is chosen");
    }

    [Fact]
    public async Task The_working_group_sees_the_draft_state_the_moves_and_the_consultation_countdown()
    {
        var (wg, id) = await SowApi.NewDraftAsync(portal, "pages-wg", "Workflow change SOW", changesWorkflow: true);
        await SowApi.SaveAsync(wg, id, SowApi.Content("Workflow change SOW"));
        await SowApi.PublishAsync(wg, id);
        await SowApi.MoveAsync(wg, id, "Draft", "One more requirement");
        await SowApi.SaveAsync(wg, id, SowApi.Content("Workflow change SOW", "Builds stay green."));
        using var lena = portal.CreateBrowserClient();
        await PortalFactory.SignInAsDemoAsync(lena, "lena-fischer");

        var html = WebUtility.HtmlDecode(await lena.GetStringAsync(U($"/sows/{id}")));

        html.ShouldContain("Move this statement of work");
        html.ShouldContain("Edit draft");
        html.ShouldContain("Unpublished changes:");
        html.ShouldContain("Complete: nothing is missing to publish it.");
        html.ShouldMatch(@"Consultation on “Workflow change SOW” ends in 14 days \(\d{4}-\d{2}-\d{2}\)");
        (await lena.GetStringAsync(U("/sows"))).ShouldContain("Start the draft");

        // The proposal links back to the statement of work built on it.
        var proposalId = Regex.Match(html, "href=\"/proposals/(\\d+)\"").Groups[1].Value;
        using var anonymous = portal.CreateClient();
        var proposalPage = await anonymous.GetStringAsync(U($"/proposals/{proposalId}"));
        proposalPage.ShouldContain($"href=\"/sows/{id}\"");
        wg.Dispose();
    }

    [Theory]
    [InlineData("?from=one&to=2", "Choose two revisions by number")]
    [InlineData("?from=1&to=9", "there is no revision 9")]
    [InlineData("?from=2&to=2", "Choose two different revisions")]
    public async Task Bad_compare_parameters_are_explained(string query, string message)
    {
        var id = await SowApi.TwoRevisionsAsync(portal, "pages-badcompare-" + query.Length + query[^1], "Compare me badly");
        using var anonymous = portal.CreateClient();

        var response = await anonymous.GetAsync(U($"/sows/{id}/compare{query}"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
    }

    internal static FormUrlEncodedContent Form(string token, params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token)));

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
