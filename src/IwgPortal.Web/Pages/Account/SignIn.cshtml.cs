using IwgPortal.Web.Hosting.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Account;

public sealed class SignInModel(GitHubOptions gitHub, DemoMode demo) : PageModel
{
    public bool GitHubAvailable => gitHub.IsConfigured;

    public bool DemoAvailable => demo.IsEnabled;

    public bool Failed { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl, int? failed)
    {
        ReturnUrl = SafeReturnUrl(returnUrl);
        Failed = failed == 1;
    }

    public IActionResult OnPostGitHub(string? returnUrl)
    {
        if (!gitHub.IsConfigured)
        {
            return NotFound();
        }

        return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, AuthSetup.GitHubScheme);
    }

    /// <summary>Only local paths: a sign-in link must not bounce people to another site.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
