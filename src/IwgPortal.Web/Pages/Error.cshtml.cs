using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "We could not complete that request. It has been logged; please try again.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? HttpContext.Response.StatusCode;
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        (Title, Message) = status switch
        {
            400 => ("Bad request", "The request could not be understood. If you submitted a form, reload the page and try again."),
            403 => ("Not allowed", "Your roles do not allow this page."),
            404 => ("Not found", exception?.Message ?? "There is nothing at this address."),
            409 => ("Conflict", exception?.Message ?? "That change conflicts with the current state."),
            429 => ("Too many requests", "Slow down a little and try again in a minute."),
            _ => (Title, Message),
        };
    }
}
