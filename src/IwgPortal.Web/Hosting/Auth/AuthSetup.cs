using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using IwgPortal.Web.Features.Account;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace IwgPortal.Web.Hosting.Auth;

public static class AuthSetup
{
    public const string CookieName = "iwg.auth";
    public const string GitHubScheme = "GitHub";
    private const string SmartScheme = "Portal";

    public static IServiceCollection AddPortalAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var gitHub = configuration.GetSection(GitHubOptions.Section).Get<GitHubOptions>() ?? new GitHubOptions();
        services.AddSingleton(gitHub);
        var secure = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                o.LoginPath = "/account/signin";
                o.AccessDeniedPath = "/account/denied";
                o.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized, "Sign in, or send an API token as a Bearer token.");
                o.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden, "Your roles do not allow this.");
            });

        if (gitHub.IsConfigured)
        {
            auth.AddOAuth(GitHubScheme, "GitHub", o =>
            {
                o.ClientId = gitHub.ClientId!;
                o.ClientSecret = gitHub.ClientSecret!;
                o.AuthorizationEndpoint = gitHub.AuthorizationEndpoint;
                o.TokenEndpoint = gitHub.TokenEndpoint;
                o.UserInformationEndpoint = gitHub.UserInformationEndpoint;
                o.CallbackPath = "/signin-github";
                o.CorrelationCookie.SecurePolicy = secure;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.Events.OnCreatingTicket = OnGitHubTicketAsync;
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/signin?failed=1");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        services.AddScoped<Microsoft.AspNetCore.Authentication.IClaimsTransformation, RoleClaimsTransformation>();
        services.AddSingleton(configuration.GetSection(AccessCacheOptions.Section).Get<AccessCacheOptions>() ?? new AccessCacheOptions());
        services.AddSingleton<AccessCache>();
        services.AddHostedService<AccessChangeListener>();
        services.AddAuthorizationBuilder().AddPortalPolicies();
        return services;
    }

    /// <summary>
    /// A Bearer token that does not authenticate (unknown, expired, revoked, malformed) is answered
    /// 401 even where no sign-in is needed: a script whose token was revoked must notice, not go on
    /// reading public data as a visitor.
    /// </summary>
    public static IApplicationBuilder UseRefusedBearerTokens(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated != true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await context.ChallengeAsync(ApiTokenAuthenticationHandler.SchemeName);
            return;
        }

        await next(context);
    });

    public static ClaimsPrincipal PrincipalFor(PersonSignedIn person, string scheme)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(PortalClaims.PersonId, person.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(PortalClaims.Login, person.Login),
                new Claim(PortalClaims.Name, person.DisplayName),
            ],
            scheme,
            PortalClaims.Login,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    private static async Task OnGitHubTicketAsync(OAuthCreatingTicketContext context)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, context.Options.UserInformationEndpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.AccessToken);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("IwgPortal", "1.0"));
        using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        using var user = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), cancellationToken: context.HttpContext.RequestAborted);
        var root = user.RootElement;
        var command = new RecordGitHubSignInCommand(
            root.GetProperty("id").GetInt64(),
            root.GetProperty("login").GetString() ?? string.Empty,
            root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            root.TryGetProperty("avatar_url", out var avatar) && avatar.ValueKind == JsonValueKind.String ? avatar.GetString() : null);
        var mediator = context.HttpContext.RequestServices.GetRequiredService<IMediator>();
        var person = await mediator.Send(command, context.HttpContext.RequestAborted);
        context.Principal = PrincipalFor(person, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static async Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail },
            });
            return;
        }

        context.Response.Redirect(context.RedirectUri);
    }
}
