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
    AccessCache access,
    TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    // One statement for the token, its person and their grants that have not ended (current and coming),
    // read when the token is not in the access cache (ADR 9).
    private static readonly Func<PortalDbContext, string, DateTimeOffset, CancellationToken, Task<Found?>> Load = EF.CompileAsyncQuery(
        (PortalDbContext db, string hash, DateTimeOffset now, CancellationToken cancellationToken) => db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash)
            .Join(db.People, t => t.PersonId, p => p.Id, (t, p) => new Found(
                t, p.Login, p.DisplayName,
                db.RoleGrants.Where(g => g.PersonId == p.Id && (g.To == null || now < g.To)).Select(g => new GrantTerm(g.Role, g.From, g.To)).ToList()))
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
        var hash = ApiToken.HashOf(secret);
        var cached = access.Token(hash);
        if (cached is null)
        {
            var generation = access.Generation;
            var found = await Load(db, hash, now, Context.RequestAborted);
            if (found is null)
            {
                return AuthenticateResult.Fail("Unknown token.");
            }

            cached = new CachedToken(found.Token, found.Login, found.DisplayName, found.Grants);
            access.Keep(hash, cached, generation);
        }

        var token = cached.Token;
        if (!token.IsUsableAt(now))
        {
            return AuthenticateResult.Fail("The token has expired or was revoked.");
        }

        // Recording the last use at most once a minute keeps reads from turning into writes; of the
        // requests sharing a cached token only one records it, so no two contexts track it at once.
        if (cached.ClaimUseRecording(now))
        {
            db.Attach(token);
            token.MarkUsed(now);
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(PortalClaims.PersonId, token.PersonId.ToString(CultureInfo.InvariantCulture)),
                new Claim(PortalClaims.Login, cached.Login),
                new Claim(PortalClaims.Name, cached.DisplayName),
            ],
            SchemeName,
            PortalClaims.Login,
            ClaimTypes.Role);

        // The roles come with the token, as of now, so the claims transformation has nothing left to read.
        var principal = new ClaimsPrincipal(identity);
        principal.AddIdentity(RoleClaimsTransformation.RolesIdentity(GrantTerm.ActiveAt(cached.Grants, now)));
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

    private sealed record Found(ApiToken Token, string Login, string DisplayName, List<GrantTerm> Grants);
}
