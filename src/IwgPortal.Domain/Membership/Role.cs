namespace IwgPortal.Domain.Membership;

/// <summary>
/// The roles of governance.md. Community member is not granted: every signed-in person is one.
/// </summary>
public enum Role
{
    CommunityMember,
    Contractor,
    WorkingGroupMember,
    Chair,
    BoardMember,
    Treasurer,
    Admin,
}

public static class RoleNames
{
    public static string Display(this Role role) => role switch
    {
        Role.CommunityMember => "Community member",
        Role.Contractor => "Contractor",
        Role.WorkingGroupMember => "Working-group member",
        Role.Chair => "Chair",
        Role.BoardMember => "Board member",
        Role.Treasurer => "Treasurer",
        Role.Admin => "Admin",
        _ => role.ToString(),
    };

    /// <summary>Roles that an admin can grant (community membership comes with signing in).</summary>
    public static IReadOnlyList<Role> Grantable { get; } =
        [Role.Contractor, Role.WorkingGroupMember, Role.Chair, Role.BoardMember, Role.Treasurer, Role.Admin];
}
