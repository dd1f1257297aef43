namespace IwgPortal.Web.Hosting.Security;

/// <summary>
/// Headers on every response. The policy allows no inline script; the interactive API docs
/// (Scalar) are the single, documented exception (docs/adr/0004-content-security-policy.md).
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? gitHubAuthorizeOrigin)
    {
        var formAction = "'self'" + (gitHubAuthorizeOrigin is null ? string.Empty : " " + gitHubAuthorizeOrigin);
        var strict = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
                     $"object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action {formAction}";
        var apiDocs = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
                      "font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? apiDocs : strict;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });
    }
}
