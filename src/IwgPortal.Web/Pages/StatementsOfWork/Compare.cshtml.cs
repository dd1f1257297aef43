using System.Globalization;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// What changed between two revisions, section by section. The parameters come from a shareable
/// link, so bad ones get an explanation (400) instead of an error page.
/// </summary>
public sealed class SowCompareModel(IMediator mediator) : PageModel
{
    public SowItem Sow { get; private set; } = null!;

    public int? From { get; private set; }

    public int? To { get; private set; }

    public SowComparison? Comparison { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? from, string? to, CancellationToken ct)
    {
        // Without parameters: what the latest publication changed (the query fills in the defaults).
        var byDefault = string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to);
        int? f = byDefault ? null : Parse(from), t = byDefault ? null : Parse(to);
        // A missing or unreadable number asks for revision 0, which no SOW has: no texts are read.
        var view = await mediator.Send(new GetSowComparisonQuery(id, byDefault ? null : f ?? 0, byDefault ? null : t ?? 0), ct);
        Sow = view.Sow;
        var count = Sow.RevisionCount;
        if (count < 2)
        {
            return Fail(count == 0 ? "Nothing is published yet, so there is nothing to compare." : "There is only one revision so far, so there is nothing to compare yet.");
        }

        if (!byDefault && (f is null || t is null))
        {
            return Fail($"Choose two revisions by number, from 1 to {count}.");
        }

        (From, To) = (view.From, view.To);
        if (From < 1 || From > count || To < 1 || To > count)
        {
            return Fail($"This statement of work has revisions 1 to {count}; there is no revision {(From < 1 || From > count ? From : To)}.");
        }

        if (From == To)
        {
            return Fail("Choose two different revisions.");
        }

        Comparison = view.Comparison;
        return Comparison is null ? Fail($"Statement of work {id} has no revision {From} or {To}.") : Page();
    }

    private static int? Parse(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private PageResult Fail(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
