namespace IwgPortal.Domain.Membership;

/// <summary>
/// The roles a person holds at one instant, and what they imply. This is the single place that
/// says, for example, that the chair is also a working-group member.
/// </summary>
public sealed class RoleSet
{
    private readonly HashSet<Role> _roles;

    public RoleSet(IEnumerable<Role> roles)
    {
        _roles = [Role.CommunityMember, .. roles];
        if (_roles.Contains(Role.Chair))
        {
            // governance.md: the chair is one of the working-group members.
            _roles.Add(Role.WorkingGroupMember);
        }
    }

    public IReadOnlySet<Role> Roles => _roles;

    public bool Has(Role role) => _roles.Contains(role);

    public bool IsWorkingGroup => Has(Role.WorkingGroupMember);

    /// <summary>WG, board and treasurer may see confidential contracting data (governance.md).</summary>
    public bool MaySeeConfidential => IsWorkingGroup || Has(Role.BoardMember) || Has(Role.Treasurer);
}
