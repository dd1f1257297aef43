using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace IwgPortal.Web.Hosting.Security;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Writes (POST, PUT, PATCH, DELETE) per person, or per address when signed out, per minute.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Sign-in attempts per address per minute.</summary>
    public int SignInsPerMinute { get; set; } = 20;
}

internal static class RateLimits
{
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, token) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Slow down a little and try again in a minute." },
                });
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context)
                    ? Window("signin:" + Address(context), options.SignInsPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsWrite(context)
                    ? Window("write:" + (context.User.FindFirst(Auth.PortalClaims.PersonId)?.Value ?? Address(context)), options.WritesPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        });
    }

    /// <summary>The requests any limit applies to; the pipeline sends only these through the limiter.</summary>
    public static bool AppliesTo(HttpContext context) => IsSignIn(context) || IsWrite(context);

    private static RateLimitPartition<string> Window(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>Sign-in attempts: the forms' posts and GitHub's callbacks, not the pages that offer them.</summary>
    private static bool IsSignIn(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/signin-github")
        || (HttpMethods.IsPost(context.Request.Method)
            && (context.Request.Path.StartsWithSegments("/account/signin") || context.Request.Path.StartsWithSegments("/account/demo")));

    private static bool IsWrite(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)
        || HttpMethods.IsPatch(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
