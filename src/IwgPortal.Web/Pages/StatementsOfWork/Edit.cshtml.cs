using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// The draft editor. Without JavaScript every button posts the whole form with the version it
/// started from; a save that meets another member's newer save keeps the typed text and shows
/// theirs beside it (the merge view). sow-editor.js adds autosave through the API on top.
/// </summary>
[Authorize(Policy = Policies.WorkingGroup)]
public sealed class SowEditModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public const string ConflictMessage =
        "Another working-group member saved this draft while you were editing. Your text is kept below; where theirs differs it is shown under yours. " +
        "Merge what you need, then save again: that save replaces theirs.";

    /// <summary>The blank rows of the script's templates; "KEY" stands for the key the script makes.</summary>
    public static SowInput.WorkItemInput BlankItem => new() { Key = "KEY" };

    public static SowInput.CriterionInput BlankCriterion => new() { Key = "KEY" };

    public static SowInput.ObjectiveInput BlankObjective => new() { Key = "KEY" };

    [BindProperty]
    public SowInput Input { get; set; } = new();

    /// <summary>The structural change a no-JavaScript button asks for, e.g. "add-item" or "remove-criterion:0:1".</summary>
    [BindProperty]
    public string? Op { get; set; }

    [BindProperty]
    public string? ReopenReason { get; set; }

    public SowDetails Sow { get; private set; } = null!;

    public IReadOnlyList<ServiceItem> Services { get; private set; } = [];

    /// <summary>After a conflict: how the other member's saved draft differs from the text posted here.</summary>
    public SowComparison? Merge { get; private set; }

    /// <summary>After a refused publication: what is missing, shown at the fields.</summary>
    public IReadOnlyList<string> PublishMissing { get; private set; } = [];

    public string? Status => TempData["SowStatus"] as string;

    public IReadOnlyList<string> Missing => Sow.MissingToPublish ?? [];

    public bool Editable => Sow.State == SowState.Draft;

    public int HighestKey(string prefix) => SowInput.Highest(prefix, Input.Keys()
        .Concat(Sow.Draft is { } d ? SowInput.From(d, 0).Keys() : [])
        .Concat(Sow.Published is { } p ? SowInput.From(p, 0).Keys() : []));

    public IEnumerable<string> Errors => ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct();

    public IEnumerable<string> ErrorsFor(string key) => ModelState.ErrorsFor(key);

    /// <summary>The missing items of one part of the form ("title", "problem", "workItems", "objectives", "route", ...).</summary>
    public IEnumerable<string> MissingFor(string part) => PublishMissing.Where(m => PartOf(m) == part);

    public TextDiff? TheirsFor(string section) => Merge?.Sections.FirstOrDefault(s => s.Section == section && s.Kind != ChangeKind.Unchanged);

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = SowInput.From(Sow.Draft!, Sow.Version ?? 0);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var structural = Input.Apply(Op, Input.Keys().Concat(await KnownKeysAsync(id, ct))) && Op is not (null or "save");
        if (await SaveAsync(id, ct))
        {
            TempData["SowStatus"] = structural ? null : $"Saved {clock.GetUtcNow():HH:mm:ss} UTC.";
            return Redirect(SowLinks.Edit(id) + (structural ? "#work-items" : string.Empty));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct)
    {
        if (!await SaveAsync(id, ct))
        {
            return Page();
        }

        try
        {
            var revision = await mediator.Send(new PublishSowCommand(id), ct);
            TempData["DraftClear"] = SowLinks.DraftKey(id);
            return Redirect(SowLinks.Revision(id, revision.Number));
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            await LoadAsync(id, ct);
            PublishMissing = Sow.MissingToPublish ?? [];
            if (PublishMissing.Count > 0)
            {
                // The message lists every missing item; the fields show them one by one instead.
                ModelState.Remove(string.Empty);
                ModelState.AddModelError(string.Empty, "Not ready to publish yet: see the marked sections.");
            }

            Input.Version = Sow.Version ?? Input.Version;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new MoveSowCommand(id, SowState.Draft, ReopenReason), ct);
            return Redirect(SowLinks.Edit(id));
        }
        catch (Exception ex) when (ModelState.AddTo(ex, "Reopen"))
        {
            await LoadAsync(id, ct);
            Input = SowInput.From(Sow.Draft!, Sow.Version ?? 0);
            return Page();
        }
    }

    private async Task<bool> SaveAsync(int id, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new SaveSowDraftCommand(id, Input.ToContent(), Input.Version), ct);
            return true;
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            await LoadAsync(id, ct);
            if (ex is DbUpdateConcurrencyException)
            {
                // Keep what was typed, show what the other member saved, and let the next save win knowingly.
                ModelState.Remove(string.Empty);
                ModelState.AddModelError(string.Empty, ConflictMessage);
                Merge = SowDiff.Compare(Input.ToContent(), Sow.Draft!);
                Input.Version = Sow.Version ?? Input.Version;
            }

            return false;
        }
    }

    private async Task<IEnumerable<string>> KnownKeysAsync(int id, CancellationToken ct)
    {
        var sow = await mediator.Send(new GetSowQuery(id), ct);
        return (sow.Draft is { } d ? SowInput.From(d, 0).Keys() : []).Concat(sow.Published is { } p ? SowInput.From(p, 0).Keys() : []);
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Sow = await mediator.Send(new GetSowQuery(id), ct);
        Services = await mediator.Send(new ListServicesQuery(), ct);
    }

    private static string PartOf(string missing) => missing switch
    {
        _ when missing.StartsWith("The title", StringComparison.Ordinal) => "title",
        _ when missing.StartsWith("The problem", StringComparison.Ordinal) => "problem",
        _ when missing.StartsWith("The work mode", StringComparison.Ordinal) => "workMode",
        _ when missing.StartsWith("The required skills", StringComparison.Ordinal) => "requiredSkills",
        _ when missing.StartsWith("The functional", StringComparison.Ordinal) => "functionalRequirements",
        _ when missing.StartsWith("The non-functional", StringComparison.Ordinal) => "nonFunctionalRequirements",
        _ when missing.StartsWith("The service", StringComparison.Ordinal) || missing.StartsWith("Service level", StringComparison.Ordinal) => "objectives",
        _ when missing.StartsWith("No delivery route", StringComparison.Ordinal) => "route",
        _ => "workItems",
    };
}
