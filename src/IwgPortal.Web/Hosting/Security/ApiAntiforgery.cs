using IwgPortal.Web.Hosting.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace IwgPortal.Web.Hosting.Security;

/// <summary>
/// The API accepts the sign-in cookie too (the editors' preview and autosave use it), so a
/// cookie-authenticated write must carry the antiforgery token in a header. Bearer-token
/// requests cannot be forged by another site and need none.
/// </summary>
internal static class ApiAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && request.Cookies.ContainsKey(AuthSetup.CookieName))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 400, Title = "Missing antiforgery token", Detail = $"Send the page's antiforgery token in the {HeaderName} header, or use an API token." },
                });
                return;
            }
        }

        await next(context);
    });
}
