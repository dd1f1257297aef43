using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Account;

public sealed record ListDemoPeopleQuery : IQuery<IReadOnlyList<DemoPersonItem>>;

public sealed record DemoPersonItem(int PersonId, string Login, string DisplayName, IReadOnlyList<Role> Roles);

public sealed class ListDemoPeopleHandler(PortalDbContext db, DemoMode demo, TimeProvider clock) : IQueryHandler<ListDemoPeopleQuery, IReadOnlyList<DemoPersonItem>>
{
    public async ValueTask<IReadOnlyList<DemoPersonItem>> Handle(ListDemoPeopleQuery query, CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled)
        {
            throw new NotFoundException("Demo sign-in is not available here.");
        }

        var now = clock.GetUtcNow();
        var people = await db.People.AsNoTracking()
            .Where(p => p.IsDemo)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Login,
                p.DisplayName,
                Roles = p.RoleGrants.Where(g => g.From <= now && (g.To == null || now < g.To)).Select(g => g.Role).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. people.Select(p => new DemoPersonItem(p.Id, p.Login, p.DisplayName, p.Roles))];
    }
}

/// <summary>"Sign in as" on the embedded demo database. Never in Production, never as a real person.</summary>
public sealed record SignInAsDemoPersonCommand(int PersonId) : ICommand<PersonSignedIn>;

public sealed class SignInAsDemoPersonHandler(PortalDbContext db, DemoMode demo) : ICommandHandler<SignInAsDemoPersonCommand, PersonSignedIn>
{
    public async ValueTask<PersonSignedIn> Handle(SignInAsDemoPersonCommand command, CancellationToken cancellationToken)
    {
        if (!demo.IsEnabled)
        {
            throw new NotFoundException("Demo sign-in is not available here.");
        }

        var person = await db.People.AsNoTracking()
            .Where(p => p.Id == command.PersonId && p.IsDemo)
            .Select(p => new PersonSignedIn(p.Id, p.Login, p.DisplayName))
            .SingleOrDefaultAsync(cancellationToken);
        return person ?? throw new NotFoundException("There is no demo person with that id.");
    }
}
