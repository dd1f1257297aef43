using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IwgPortal.Domain.Membership;
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

    // One statement per API request for the token, its person and their current roles.
    private static readonly Func<PortalDbContext, string, DateTimeOffset, CancellationToken, Task<Found?>> Load = EF.CompileAsyncQuery(
        (PortalDbContext db, string hash, DateTimeOffset now, CancellationToken cancellationToken) => db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.People, t => t.PersonId, p => p.Id, (t, p) => new Found(
                t, p.Login, p.DisplayName,
                db.RoleGrants.Where(g => g.PersonId == p.Id && g.From <= now && (g.To == null || now < g.To)).Select(g => g.Role).ToList()))
            .SingleOrDefault());

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

        var now = clock.GetUtcNow();
        var found = await Load(db, ApiToken.HashOf(secret), now, Context.RequestAborted);
        if (found is null || !found.Token.IsUsableAt(now))
        {
            return AuthenticateResult.Fail(found is null ? "Unknown token." : "The token has expired or was revoked.");
        }

        // Recording the last use at most once a minute keeps reads from turning into writes.
        var token = found.Token;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            db.Attach(token);
            token.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PortalClaims.PersonId, token.PersonId.ToString(CultureInfo.InvariantCulture)),
                new Claim(PortalClaims.Login, found.Login),
                new Claim(PortalClaims.Name, found.DisplayName),
            ],
            SchemeName,
            PortalClaims.Login,
            ClaimTypes.Role);

        // The roles were read with the token, as of now, so the claims transformation has nothing left to read.
        var principal = new ClaimsPrincipal(identity);
        principal.AddIdentity(RoleClaimsTransformation.RolesIdentity(found.Roles));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
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

    private sealed record Found(ApiToken Token, string Login, string DisplayName, List<Role> Roles);
}
