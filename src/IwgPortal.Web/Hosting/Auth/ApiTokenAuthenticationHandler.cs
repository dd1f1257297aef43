using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IwgPortal.Domain.Tokens;
using IwgPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IwgPortal.Web.Hosting.Auth;

/// <summary>Accepts personal API tokens as <c>Authorization: Bearer iwg_…</c>.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PortalDbContext db,
    TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return AuthenticateResult.Fail("Malformed token.");
        }

        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsUsableAt(now))
        {
            return AuthenticateResult.Fail(token is null ? "Unknown token." : "The token has expired or was revoked.");
        }

        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == token.PersonId)
            .Select(p => new { p.Id, p.Login, p.DisplayName })
            .SingleAsync(Context.RequestAborted);

        // Recording the last use at most once a minute keeps reads from turning into writes.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PortalClaims.PersonId, person.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(PortalClaims.Login, person.Login),
                new Claim(PortalClaims.Name, person.DisplayName),
            ],
            SchemeName,
            PortalClaims.Login,
            ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = "The API token is missing, unknown, expired or revoked." },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = "Forbidden", Detail = "Your roles do not allow this." },
        });
    }
}
