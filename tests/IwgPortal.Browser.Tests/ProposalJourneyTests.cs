using System.Text.RegularExpressions;
using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class ProposalJourneyTests(PortalBrowser world) : BrowserTest(world)
{
    private const string Title = "Run CI on self-hosted runners";

    // A word only the problem statement contains, so finding the proposal proves full-text search reaches the body.
    private const string ProblemWord = "quokkaflakes";

    [Fact]
    public async Task A_proposal_goes_from_the_community_through_the_working_group_to_any_visitor()
    {
        // A community member proposes a workflow change and comments on it.
        await SignInAsDemoPersonAsync("amara-okafor");
        await Page.GotoAsync("/proposals/new");
        await Expect(Page.GetByText("Everything you write here is public.")).ToBeVisibleAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(Title);
        await Page.GetByLabel("Problem statement (Markdown)", new() { Exact = true })
            .FillAsync($"Hosted CI runners time out on big builds; the logs call them {ProblemWord}.");
        await Page.GetByLabel("Desired outcome (Markdown)", new() { Exact = true }).FillAsync("Builds run on **our own** runners.");
        await Page.GetByLabel("Source code repository").CheckAsync();
        await Page.GetByLabel("This significantly changes developers’ workflows").CheckAsync();
        await Page.GetByLabel("Links (optional, one URL per line)").FillAsync("https://example.org/ci-timeouts");
        await Problems.ShouldBeNoneAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/proposals/\d+/run-ci-on-self-hosted-runners$"));
        var proposalPath = new Uri(Page.Url).AbsolutePath;
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        await Expect(Page.Locator(".record-head .badge")).ToHaveTextAsync("Submitted");
        await Page.GetByLabel("Your comment (Markdown, public)").FillAsync("I can lend two machines for the runners.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#timeline .comment")).ToContainTextAsync("I can lend two machines for the runners.");
        await Problems.ShouldBeNoneAsync();

        // A working-group member opens the discussion with a public reason.
        var (lena, lenaProblems) = await NewPersonAsync();
        await lena.GotoAsync("/account/demo");
        await lena.Locator("button.choice").Filter(new() { HasText = "@lena-fischer" }).ClickAsync();
        await Expect(lena.Locator("details.menu > summary")).ToHaveTextAsync("lena-fischer");
        await lena.GotoAsync(proposalPath);
        var move = lena.GetByRole(AriaRole.Region, new() { Name = "Move this proposal (working group)" });
        await move.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Under discussion" });
        await move.GetByLabel("Public reason").FillAsync("A real pain for contributors; the community should weigh in.");
        await Screenshots.SaveAsync(lena, "proposal-detail-working-group");
        await move.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Expect(lena.Locator(".record-head .badge")).ToHaveTextAsync("Under discussion");
        await lenaProblems.ShouldBeNoneAsync();

        // An anonymous visitor finds it by a word of its problem statement.
        var (visitor, visitorProblems) = await NewPersonAsync();
        await visitor.GotoAsync("/proposals");
        await Expect(visitor.Locator("link[rel=alternate][type='application/atom+xml']")).ToHaveAttributeAsync("href", "/proposals/feed");
        await visitor.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync(ProblemWord);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex($"q={ProblemWord}"));
        var rows = visitor.Locator("table.proposals tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Under discussion");
        await Expect(rows).ToContainTextAsync("Amara Okafor");
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Propose a change", Exact = true })).ToHaveCountAsync(0);
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Sign in to propose a change" })).ToBeVisibleAsync();
        await visitorProblems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(visitor, "proposals-list");

        await rows.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex(Regex.Escape(proposalPath) + "$"));
        var timeline = visitor.Locator("#timeline");
        await Expect(timeline).ToContainTextAsync("A real pain for contributors; the community should weigh in.");
        await Expect(timeline).ToContainTextAsync("lena-fischer moved it from Submitted to Under discussion");
        await Expect(timeline.Locator(".comment")).ToContainTextAsync("I can lend two machines for the runners.");
        await Expect(visitor.Locator(".consultation")).ToHaveTextAsync("Community consultation ends in 14 days");
        await Expect(visitor.GetByText("Sign in to comment.")).ToBeVisibleAsync();

        var feedHref = proposalPath[..proposalPath.LastIndexOf('/')] + "/feed";
        await Expect(visitor.Locator("head link[rel=alternate][type='application/atom+xml']")).ToHaveAttributeAsync("href", feedHref);
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Subscribe (Atom)" })).ToHaveAttributeAsync("href", feedHref);

        // Subscribing: a feed reader fetches the linked feed and finds the move with its reason and the comment.
        using (var reader = NoRedirectClient())
        {
            using var feed = await reader.GetAsync(new Uri(feedHref, UriKind.Relative));
            feed.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
            var atom = await feed.Content.ReadAsStringAsync();
            atom.ShouldContain("the community should weigh in");
            atom.ShouldContain("I can lend two machines for the runners.");
        }

        await visitorProblems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(visitor, "proposal-detail");

        // The home page lists it among the proposals in discussion.
        await visitor.GotoAsync("/");
        var card = visitor.GetByRole(AriaRole.Region, new() { Name = "Proposals in discussion" });
        await card.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex(Regex.Escape(proposalPath) + "$"));

        // A page link that was tampered with explains itself instead of failing.
        await visitor.GotoAsync("/proposals?state=UnderDiscussion&cursor=not-a-real-cursor");
        await Expect(visitor.GetByRole(AriaRole.Alert)).ToContainTextAsync("This page link is not valid");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Go to the first page" }).ClickAsync();
        await Expect(visitor.Locator("table.proposals tbody tr").Filter(new() { HasText = Title })).ToHaveCountAsync(1);
        await visitorProblems.ShouldBeNoneAsync();

        // A wrong or missing slug leads to the one canonical address.
        using var client = NoRedirectClient();
        using var wrong = await client.GetAsync(feedHref.Replace("/feed", "/some-old-title", StringComparison.Ordinal));
        ((int)wrong.StatusCode).ShouldBe(301);
        wrong.Headers.Location.ShouldNotBeNull().OriginalString.ShouldBe(proposalPath);
    }

    private HttpClient NoRedirectClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = World.RootUri };

    private async Task<(IPage Page, PageProblems Problems)> NewPersonAsync()
    {
        var context = await World.NewContextAsync();
        await context.AddInitScriptAsync(PageProblems.InitScript);
        var page = await context.NewPageAsync();
        return (page, PageProblems.Watch(page));
    }
}
