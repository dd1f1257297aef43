using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IwgPortal.Browser.Tests.Infrastructure;
using IwgPortal.Testing;
using Microsoft.Playwright;

namespace IwgPortal.Browser.Tests;

/// <summary>
/// The XSS corpus, stored through the API as comments and proposal texts, then opened in Chromium:
/// no dialog opens, no injected script runs, no element carries an event handler.
/// </summary>
public sealed class XssTests(PortalBrowser world) : BrowserTest(world)
{
    // Any script that runs calls one of these or sets the flag; the recorder keeps the evidence.
    private const string Tripwire = """
        window.__xss = [];
        for (const name of ["alert", "confirm", "prompt"]) {
            window[name] = function () { window.__xss.push(name + ":" + Array.from(arguments).join(",")); };
        }
        """;

    [Fact]
    public async Task Stored_vectors_run_no_script_in_the_browser()
    {
        var secret = await World.Portal.IssueTokenAsync(await World.Portal.CreatePersonAsync("xss-writer"), TimeSpan.FromDays(1));
        using var api = World.CreateScriptClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var vectors = XssCorpus.Vectors;
        var proposals = new List<int>();
        foreach (var batch in vectors.Chunk(12))
        {
            var created = await api.PostAsJsonAsync("/api/proposals", new
            {
                title = "XSS " + batch[0][..Math.Min(batch[0].Length, 100)],
                problem = string.Join("\n\n", batch),
                desiredOutcome = batch[^1],
                changesWorkflow = false,
            });
            created.EnsureSuccessStatusCode();
            proposals.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }

        foreach (var vector in vectors)
        {
            (await api.PostAsJsonAsync($"/api/proposals/{proposals[0]}/comments", new { body = vector })).EnsureSuccessStatusCode();
        }

        var dialogs = new List<string>();
        Page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await Context.AddInitScriptAsync(Tripwire);

        foreach (var path in proposals.Select(id => $"/proposals/{id}").Append("/proposals").Append($"/proposals/{proposals[0]}/feed"))
        {
            await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

            (await Page.EvaluateAsync<string[]>("() => window.__xss")).ShouldBeEmpty(path);
            var handlers = await Page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('main *')).filter(e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on'))).length");
            handlers.ShouldBe(0, path);
            var scripts = await Page.EvaluateAsync<string[]>("() => Array.from(document.scripts).map(s => s.src)");
            scripts.ShouldAllBe(src => src.Contains("/js/site.js", StringComparison.Ordinal), path);
            (await Page.EvaluateAsync<int>("() => document.querySelectorAll('a[href^=\"javascript:\" i], a[href^=\"vbscript:\" i], a[href^=\"data:\" i]').length")).ShouldBe(0, path);
        }

        dialogs.ShouldBeEmpty();
    }
}
