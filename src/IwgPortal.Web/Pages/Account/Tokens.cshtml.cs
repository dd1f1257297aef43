using System.ComponentModel.DataAnnotations;
using IwgPortal.Web.Features.Account;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Account;

[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TokensModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public TokenInput Input { get; set; } = new();

    public IReadOnlyList<ApiTokenItem> Tokens { get; private set; } = [];

    /// <summary>Set only in the response to the create request: the secret is never stored for later.</summary>
    public CreatedApiToken? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await mediator.Send(new ListMyApiTokensQuery(), ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            Created = await mediator.Send(new CreateApiTokenCommand(Input.Name ?? string.Empty, Input.ExpiresInDays), ct);
            Input = new TokenInput();
            ModelState.Clear();
        }
        catch (Exception ex) when (ModelState.AddTo(ex))
        {
        }

        Tokens = await mediator.Send(new ListMyApiTokensQuery(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken ct)
    {
        await mediator.Send(new RevokeApiTokenCommand(tokenId), ct);
        return RedirectToPage();
    }

    public sealed class TokenInput
    {
        [Display(Name = "Name")]
        public string? Name { get; set; }

        public int ExpiresInDays { get; set; } = 90;
    }
}
