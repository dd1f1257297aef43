using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace IwgPortal.Browser.Tests.Infrastructure;

/// <summary>
/// What went wrong in a page that a person would not see: console errors, uncaught exceptions and
/// Content-Security-Policy violations (recorded in the page itself by <see cref="InitScript"/>).
/// </summary>
public sealed class PageProblems
{
    /// <summary>Runs before any script of every document in the context.</summary>
    public const string InitScript = """
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", function (e) {
            window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
        });
        """;

    private readonly ConcurrentQueue<string> _errors = new();
    private readonly IPage _page;

    private PageProblems(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"uncaught: {error}");
    }

    public static PageProblems Watch(IPage page) => new(page);

    /// <summary>Console errors and uncaught exceptions seen so far, in any document of the page.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>CSP violations reported in the current document.</summary>
    public async Task<IReadOnlyList<string>> CspViolationsAsync() =>
        await _page.EvaluateAsync<string[]>("() => window.__cspViolations ?? ['the CSP recorder did not run']");

    public async Task ShouldBeNoneAsync()
    {
        Errors.ShouldBeEmpty("the page logged errors");
        (await CspViolationsAsync()).ShouldBeEmpty("the page violated its Content-Security-Policy");
    }
}
