using System.Security.Claims;
using IwgPortal.Domain.Membership;
using Microsoft.AspNetCore.Authorization;

namespace IwgPortal.Web.Hosting.Auth;

/// <summary>Every authorisation rule of the portal, by name. Pages and endpoints only name them.</summary>
public static class Policies
{
    public const string SignedIn = nameof(SignedIn);
    public const string WorkingGroup = nameof(WorkingGroup);
    public const string Chair = nameof(Chair);
    public const string Board = nameof(Board);
    public const string Treasurer = nameof(Treasurer);
    public const string Contractor = nameof(Contractor);
    public const string Admin = nameof(Admin);

    /// <summary>WG, board and treasurer: who may read confidential contracting data.</summary>
    public const string Confidential = nameof(Confidential);

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(SignedIn, p => p.RequireClaim(PortalClaims.PersonId))
        .AddPolicy(WorkingGroup, p => p.RequireAssertion(c => Roles(c.User).IsWorkingGroup))
        .AddPolicy(Chair, p => p.RequireAssertion(c => Roles(c.User).Has(Role.Chair)))
        .AddPolicy(Board, p => p.RequireAssertion(c => Roles(c.User).Has(Role.BoardMember)))
        .AddPolicy(Treasurer, p => p.RequireAssertion(c => Roles(c.User).Has(Role.Treasurer)))
        .AddPolicy(Contractor, p => p.RequireAssertion(c => Roles(c.User).Has(Role.Contractor)))
        .AddPolicy(Admin, p => p.RequireAssertion(c => Roles(c.User).Has(Role.Admin)))
        .AddPolicy(Confidential, p => p.RequireAssertion(c => Roles(c.User).MaySeeConfidential));

    private static RoleSet Roles(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaims.PersonId)
        ? new RoleSet(user.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? r : Role.CommunityMember))
        : new RoleSet([]);
}
