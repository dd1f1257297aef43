using System.Globalization;
using System.Security.Claims;
using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Hosting.Auth;

/// <summary>
/// Roles come from the database (through the <see cref="AccessCache"/>, which forgets them on every
/// change, ADR 9), never from a cookie or token: a grant that ends takes effect at once.
/// </summary>
internal sealed class RoleClaimsTransformation(PortalDbContext db, AccessCache access, TimeProvider clock) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identities.Any(i => i.AuthenticationType == PortalClaims.RolesIdentity)
            || !int.TryParse(principal.FindFirstValue(PortalClaims.PersonId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var personId))
        {
            return principal;
        }

        var now = clock.GetUtcNow();
        var grants = access.GrantsOf(personId);
        if (grants is null)
        {
            var generation = access.Generation;
            grants = await db.RoleGrants.AsNoTracking()
                .Where(g => g.PersonId == personId && (g.To == null || now < g.To))
                .Select(g => new GrantTerm(g.Role, g.From, g.To))
                .ToListAsync();
            access.Keep(personId, grants, generation);
        }

        var roles = GrantTerm.ActiveAt(grants, now);
        var result = principal.Clone();
        result.AddIdentity(RolesIdentity(roles));
        return result;
    }

    /// <summary>The identity that carries the roles read from the database; a principal with one is not read again.</summary>
    public static ClaimsIdentity RolesIdentity(IEnumerable<Role> roles)
    {
        var identity = new ClaimsIdentity(PortalClaims.RolesIdentity, PortalClaims.Login, ClaimTypes.Role);
        identity.AddClaims(roles.Distinct().Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return identity;
    }
}
