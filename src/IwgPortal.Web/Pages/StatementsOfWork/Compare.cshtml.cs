using System.Globalization;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting.Errors;
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
        Sow = await mediator.Send(new GetSowItemQuery(id), ct);
        var count = Sow.RevisionCount;
        if (count < 2)
        {
            return Fail(count == 0 ? "Nothing is published yet, so there is nothing to compare." : "There is only one revision so far, so there is nothing to compare yet.");
        }

        // Without parameters: what the latest publication changed.
        From = string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to) ? count - 1 : Parse(from);
        To = string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to) ? count : Parse(to);
        if (From is not { } f || To is not { } t)
        {
            return Fail($"Choose two revisions by number, from 1 to {count}.");
        }

        if (f < 1 || f > count || t < 1 || t > count)
        {
            return Fail($"This statement of work has revisions 1 to {count}; there is no revision {(f < 1 || f > count ? f : t)}.");
        }

        if (f == t)
        {
            return Fail("Choose two different revisions.");
        }

        try
        {
            Comparison = await mediator.Send(new CompareSowRevisionsQuery(id, f, t), ct);
        }
        catch (NotFoundException ex)
        {
            return Fail(ex.Message);
        }

        return Page();
    }

    private static int? Parse(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private PageResult Fail(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
