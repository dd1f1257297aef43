using System.Text.RegularExpressions;
using IwgPortal.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IwgPortal.Browser.Tests;

public class ProposalFormTests(PortalBrowser world) : BrowserTest(world)
{
    private ILocator TitleField => Page.GetByLabel("Title", new() { Exact = true });

    private ILocator ProblemField => Page.GetByLabel("Problem statement (Markdown)", new() { Exact = true });

    private ILocator OutcomeField => Page.GetByLabel("Desired outcome (Markdown)", new() { Exact = true });

    [Fact]
    public async Task Submitting_the_same_form_twice_makes_one_proposal()
    {
        await SignInAsDemoPersonAsync("amara-okafor");
        await Page.GotoAsync("/proposals/new");
        await TitleField.FillAsync("Mirror the package index in Europe");
        await ProblemField.FillAsync("Downloads are slow for contributors far from the one mirror (wombatdouble).");
        await OutcomeField.FillAsync("A second mirror.");
        var form = Page.Locator("form[data-draft]");
        var fields = await form.EvaluateAsync<Dictionary<string, string>>(
            "f => Object.fromEntries([...new FormData(f)].filter(([, v]) => typeof v === 'string'))");

        // A nervous double click sends the form twice...
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }).DblClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/proposals/\d+/mirror-the-package-index-in-europe$"));
        var first = new Uri(Page.Url).AbsolutePath;

        // ...and so does a browser resending it later: the same submission key answers with the first proposal.
        var again = await Context.APIRequest.PostAsync("/proposals/new", new() { Form = FormOf(fields), MaxRedirects = 0 });
        again.Status.ShouldBe(302);
        again.Headers["location"].ShouldBe(first);

        await Page.GotoAsync("/proposals?q=wombatdouble");
        await Expect(Page.Locator("table.proposals tbody tr")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".tabs a[aria-current=page] .count")).ToHaveTextAsync("1");
        await Problems.ShouldBeNoneAsync();
    }

    [Fact]
    public async Task The_new_proposal_form_previews_markdown_as_it_is_typed()
    {
        await SignInAsDemoPersonAsync("amara-okafor");
        await Page.GotoAsync("/proposals/new");

        await ProblemField.PressSequentiallyAsync("Builds are *slow* and **flaky**");
        await OutcomeField.PressSequentiallyAsync("- fast\n- green");

        await Expect(Page.Locator("#problem-preview strong")).ToHaveTextAsync("flaky");
        await Expect(Page.Locator("#problem-preview em")).ToHaveTextAsync("slow");
        await Expect(Page.Locator("#outcome-preview li")).ToHaveTextAsync(["fast", "green"]);
        await Problems.ShouldBeNoneAsync();
        await Screenshots.SaveAsync(Page, "proposal-new");
    }

    [Fact]
    public async Task Errors_show_next_to_the_fields_and_keep_the_typed_text_and_a_draft_survives_a_reload()
    {
        await SignInAsDemoPersonAsync("amara-okafor");
        await Page.GotoAsync("/proposals/new");
        await TitleField.FillAsync("Retire the old wiki");
        await Page.GetByLabel("Links (optional, one URL per line)").FillAsync("not a link");

        // The draft is kept in the browser: a reload (or a new sign-in after a timeout) brings it back.
        await Page.ReloadAsync();
        await Expect(TitleField).ToHaveValueAsync("Retire the old wiki");
        await Expect(Page.Locator("[data-draft-status]")).ToContainTextAsync("restored");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }).ClickAsync();

        await Expect(Page.Locator("#Input_Problem ~ .field-error, .field:has(#Input_Problem) .field-error")).ToContainTextAsync("Describe the problem.");
        await Expect(Page.Locator(".field:has(#Input_Links) .field-error")).ToContainTextAsync("Links must be absolute http(s) URLs.");
        await Expect(TitleField).ToHaveValueAsync("Retire the old wiki");
        await Screenshots.SaveAsync(Page, "proposal-new-errors");

        await ProblemField.FillAsync("Nobody edits it any more.");
        await OutcomeField.FillAsync("Its pages move to the docs site.");
        await Page.GetByLabel("Links (optional, one URL per line)").FillAsync("https://wiki.example.org");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit proposal" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/proposals/\d+/retire-the-old-wiki$"));

        // Once submitted, the draft is gone: the next proposal starts empty.
        (await Page.EvaluateAsync<string?>("() => localStorage.getItem('draft:proposal-new')")).ShouldBeNull();
        await Page.GotoAsync("/proposals/new");
        await Expect(TitleField).ToHaveValueAsync(string.Empty);
        await Problems.ShouldBeNoneAsync();
    }

    private IFormData FormOf(Dictionary<string, string> fields)
    {
        var form = Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Append(name, value);
        }

        return form;
    }
}
