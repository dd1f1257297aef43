using System.Globalization;
using System.Security.Claims;
using IwgPortal.Domain.Membership;

namespace IwgPortal.Web.Hosting.Auth;

/// <summary>The person acting in this request, from the server's own view of their roles.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? _override;
    private ClaimsPrincipal? _rolesOf;
    private RoleSet? _roles;

    private ClaimsPrincipal? Principal => _override ?? accessor.HttpContext?.User;

    public int? PersonId =>
        int.TryParse(Principal?.FindFirstValue(PortalClaims.PersonId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public bool IsSignedIn => PersonId is not null;

    public string? Login => Principal?.FindFirstValue(PortalClaims.Login);

    /// <summary>Read from the principal's claims once per principal: a long discussion asks for each comment.</summary>
    public RoleSet Roles
    {
        get
        {
            var principal = Principal;
            if (_roles is null || !ReferenceEquals(_rolesOf, principal))
            {
                _roles = new(IsSignedIn
                    ? principal!.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : Role.CommunityMember)
                    : []);
                _rolesOf = principal;
            }

            return _roles;
        }
    }

    /// <summary>The acting person's id; handlers behind an authorisation policy can rely on it.</summary>
    public int RequiredPersonId => PersonId ?? throw new UnauthorizedAccessException("Sign in first.");

    /// <summary>For work outside a request (seeding, tests): act as the given principal.</summary>
    public void ActAs(ClaimsPrincipal principal) => _override = principal;
}
