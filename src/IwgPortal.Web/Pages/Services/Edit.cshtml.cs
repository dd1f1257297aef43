using IwgPortal.Domain.Services;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Services;

[Authorize(Policy = Policies.WorkingGroup)]
public sealed class ServiceEditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ServiceInput Input { get; set; } = new();

    public string Slug { get; private set; } = string.Empty;

    /// <summary>After a conflict: the version someone else saved meanwhile.</summary>
    public ServiceDetails? Theirs { get; private set; }

    public IEnumerable<SelectListItem> KindChoices => Enum.GetValues<ServiceKind>().Select(k => new SelectListItem(k.Display(), k.ToString()));

    public async Task OnGetAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        var service = await mediator.Send(new GetServiceQuery(slug), ct);
        Input = new ServiceInput
        {
            Name = service.Name,
            Kind = service.Kind,
            Description = service.Description,
            Operator = service.Operator,
            DocumentationUrl = service.DocumentationUrl,
            Version = service.Version,
        };
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        Slug = slug;
        try
        {
            await mediator.Send(new UpdateServiceCommand(slug, Input.Kind, Input.Name ?? string.Empty, Input.Description ?? string.Empty,
                Input.Operator ?? string.Empty, Input.DocumentationUrl, Input.Version), ct);
            return Redirect($"/services/{slug}");
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
            if (ex is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                // Keep what was typed, show what the other person saved, and let a second save win knowingly.
                Theirs = await mediator.Send(new GetServiceQuery(slug), ct);
                Input.Version = Theirs.Version;
                ModelState.Remove("Input.Version");
            }

            return Page();
        }
    }

    public sealed class ServiceInput
    {
        public string? Name { get; set; }

        public ServiceKind Kind { get; set; }

        public string? Description { get; set; }

        public string? Operator { get; set; }

        public string? DocumentationUrl { get; set; }

        public uint Version { get; set; }
    }
}
