using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.Membership;

/// <summary>
/// One role held by one person for a term. Grants are never deleted: ending a grant sets the end
/// of its term, so the history of who held which role stays visible.
/// </summary>
public sealed class RoleGrant : IAudited
{
    public static string AuditKind => "role-grant";

    private RoleGrant()
    {
    }

    internal RoleGrant(int personId, Role role, DateTimeOffset from, DateTimeOffset? to, int? grantedById, DateTimeOffset grantedAt)
    {
        if (role == Role.CommunityMember)
        {
            throw new DomainException("Community membership comes with signing in and is not granted.");
        }

        if (to is not null && to <= from)
        {
            throw new DomainException("The end of the term must be after its start.");
        }

        PersonId = personId;
        Role = role;
        From = from;
        To = to;
        GrantedById = grantedById;
        GrantedAt = grantedAt;
    }

    public int Id { get; private set; }

    [Public]
    public int PersonId { get; private set; }

    [Public]
    public Role Role { get; private set; }

    [Public]
    public DateTimeOffset From { get; private set; }

    [Public]
    public DateTimeOffset? To { get; private set; }

    [Public]
    public int? GrantedById { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    [Public]
    public int? EndedById { get; private set; }

    public bool IsActiveAt(DateTimeOffset instant) => From <= instant && (To is null || instant < To);

    /// <summary>Whether the two terms share any instant.</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset? to) =>
        (To is null || from < To) && (to is null || From < to);

    public void End(DateTimeOffset at, int endedById)
    {
        if (To is not null && To <= at)
        {
            throw new DomainException("This role grant has already ended.");
        }

        if (at < From)
        {
            // A grant that has not started yet ends when it would have started: an empty term.
            at = From;
        }

        To = at;
        EndedById = endedById;
    }
}
