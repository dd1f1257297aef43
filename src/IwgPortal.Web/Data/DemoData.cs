using IwgPortal.Domain.Membership;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Data;

/// <summary>One demo person per role, for "sign in as" on a developer's embedded database.</summary>
internal static class DemoData
{
    // GitHub ids far above any real account's, so a real sign-in never lands on a demo person.
    private const long FirstDemoGitHubId = 9_000_000_001;

    private static readonly (string Login, string Name, Role[] Roles)[] People =
    [
        ("amara-okafor", "Amara Okafor", []),
        ("ken-sato", "Ken Sato", [Role.Contractor]),
        ("lena-fischer", "Lena Fischer", [Role.WorkingGroupMember]),
        ("priya-raman", "Priya Raman", [Role.WorkingGroupMember, Role.Chair]),
        ("tom-becker", "Tom Becker", [Role.BoardMember, Role.WorkingGroupMember]),
        ("maria-santos", "Maria Santos", [Role.Treasurer]),
        ("sam-admin", "Sam Admin", [Role.Admin]),
    ];

    public static async Task SeedAsync(PortalDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(p => p.IsDemo, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var termStart = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var people = People.Select((p, i) => new Person(FirstDemoGitHubId + i, p.Login, p.Name, null, now, isDemo: true)).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync(cancellationToken);

        var admin = people[^1];
        foreach (var (person, spec) in people.Zip(People))
        {
            foreach (var role in spec.Roles)
            {
                person.Grant(role, termStart, role == Role.Admin ? null : termStart.AddYears(2), admin.Id, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
