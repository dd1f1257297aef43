namespace IwgPortal.Web.Hosting.Auth;

public static class PortalClaims
{
    public const string PersonId = "iwg:person";
    public const string Login = "iwg:login";
    public const string Name = "iwg:name";

    /// <summary>Marks the identity that <see cref="RoleClaimsTransformation"/> added, so it runs once.</summary>
    public const string RolesIdentity = "iwg-roles";
}
