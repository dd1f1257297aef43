using System.Globalization;
using System.Security.Claims;
using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Hosting.Auth;

/// <summary>
/// Roles are read from the database on every request, never trusted from a cookie or token:
/// a grant that ends takes effect at once.
/// </summary>
internal sealed class RoleClaimsTransformation(PortalDbContext db, TimeProvider clock) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identities.Any(i => i.AuthenticationType == PortalClaims.RolesIdentity)
            || !int.TryParse(principal.FindFirstValue(PortalClaims.PersonId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var personId))
        {
            return principal;
        }

        var now = clock.GetUtcNow();
        var roles = await db.RoleGrants.AsNoTracking()
            .Where(g => g.PersonId == personId && g.From <= now && (g.To == null || now < g.To))
            .Select(g => g.Role)
            .Distinct()
            .ToListAsync();
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
