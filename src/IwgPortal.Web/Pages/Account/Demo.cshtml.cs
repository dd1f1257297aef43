using IwgPortal.Web.Features.Account;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Account;

public sealed class DemoModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<DemoPersonItem> People { get; private set; } = [];

    public string ReturnUrl { get; private set; } = "/";

    public async Task OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SignInModel.SafeReturnUrl(returnUrl);
        People = await mediator.Send(new ListDemoPeopleQuery(), ct);
    }

    public async Task<IActionResult> OnPostAsync(int personId, string? returnUrl, CancellationToken ct)
    {
        var person = await mediator.Send(new SignInAsDemoPersonCommand(personId), ct);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthSetup.PrincipalFor(person, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(SignInModel.SafeReturnUrl(returnUrl));
    }
}
