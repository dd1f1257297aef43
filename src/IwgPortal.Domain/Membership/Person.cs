using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.Membership;

/// <summary>
/// Someone who signed in. Keyed by the GitHub user id, because a GitHub login can be renamed.
/// </summary>
public sealed class Person : IAudited
{
    public const int MaxLoginLength = 39;
    public const int MaxNameLength = 200;

    public static string AuditKind => "person";

    private readonly List<RoleGrant> _roleGrants = [];

    private Person()
    {
        Login = string.Empty;
        DisplayName = string.Empty;
    }

    public Person(long gitHubId, string login, string? displayName, Uri? avatarUrl, DateTimeOffset now, bool isDemo = false)
    {
        if (gitHubId <= 0)
        {
            throw new DomainException("A GitHub user id is positive.");
        }

        GitHubId = gitHubId;
        Login = Guard.Text(login, "Login", MaxLoginLength);
        DisplayName = Guard.OptionalText(displayName, "Name", MaxNameLength) ?? Login;
        AvatarUrl = avatarUrl;
        JoinedAt = now;
        IsDemo = isDemo;
    }

    public int Id { get; private set; }

    public long GitHubId { get; private set; }

    [Public]
    public string Login { get; private set; }

    [Public]
    public string DisplayName { get; private set; }

    public Uri? AvatarUrl { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>Demo people exist only in the embedded demo database.</summary>
    public bool IsDemo { get; private set; }

    public IReadOnlyCollection<RoleGrant> RoleGrants => _roleGrants;

    /// <summary>GitHub profile data changes (renames, new avatars); the id does not.</summary>
    public void RefreshProfile(string login, string? displayName, Uri? avatarUrl)
    {
        Login = Guard.Text(login, "Login", MaxLoginLength);
        DisplayName = Guard.OptionalText(displayName, "Name", MaxNameLength) ?? Login;
        AvatarUrl = avatarUrl;
    }

    public RoleSet RolesAt(DateTimeOffset instant) =>
        new(_roleGrants.Where(g => g.IsActiveAt(instant)).Select(g => g.Role));

    public RoleGrant Grant(Role role, DateTimeOffset from, DateTimeOffset? to, int? grantedById, DateTimeOffset now)
    {
        if (_roleGrants.Any(g => g.Role == role && g.Overlaps(from, to)))
        {
            throw new DomainException($"{Login} already holds the role {role.Display()} during that term.");
        }

        var grant = new RoleGrant(Id, role, from, to, grantedById, now);
        _roleGrants.Add(grant);
        return grant;
    }
}
