using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Membership;

/// <summary>A person's public page: who they are and every role they held, with terms.</summary>
public sealed record GetPersonQuery(string Login) : IQuery<PersonDetails>;

/// <summary>The same, by id (admin pages link by id, which never changes).</summary>
public sealed record GetPersonByIdQuery(int Id) : IQuery<PersonDetails>;

public sealed record PersonDetails(int Id, string Login, string DisplayName, string? AvatarUrl, DateTimeOffset JoinedAt, IReadOnlyList<RoleGrantItem> Grants)
{
    public IEnumerable<RoleGrantItem> ActiveGrants(DateTimeOffset now) => Grants.Where(g => g.IsActiveAt(now));
}

public sealed record RoleGrantItem(int Id, Role Role, DateTimeOffset From, DateTimeOffset? To, string? GrantedBy, string? EndedBy)
{
    public bool IsActiveAt(DateTimeOffset now) => From <= now && (To is null || now < To);
}

public sealed class GetPersonHandler(PortalDbContext db) : IQueryHandler<GetPersonQuery, PersonDetails>, IQueryHandler<GetPersonByIdQuery, PersonDetails>
{
    public ValueTask<PersonDetails> Handle(GetPersonQuery query, CancellationToken cancellationToken) =>
        LoadAsync(db.People.Where(p => p.Login == query.Login), $"Nobody called {query.Login} has signed in here.", cancellationToken);

    public ValueTask<PersonDetails> Handle(GetPersonByIdQuery query, CancellationToken cancellationToken) =>
        LoadAsync(db.People.Where(p => p.Id == query.Id), "There is no person with that id.", cancellationToken);

    private async ValueTask<PersonDetails> LoadAsync(IQueryable<Domain.Membership.Person> people, string notFound, CancellationToken cancellationToken)
    {
        var person = await people.AsNoTracking()
            .OrderByDescending(p => p.JoinedAt)
            .Select(p => new
            {
                p.Id,
                p.Login,
                p.DisplayName,
                p.AvatarUrl,
                p.JoinedAt,
                Grants = p.RoleGrants.OrderByDescending(g => g.From).Select(g => new
                {
                    g.Id,
                    g.Role,
                    g.From,
                    g.To,
                    GrantedBy = db.People.Where(x => x.Id == g.GrantedById).Select(x => x.Login).FirstOrDefault(),
                    EndedBy = db.People.Where(x => x.Id == g.EndedById).Select(x => x.Login).FirstOrDefault(),
                }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(notFound);
        return new PersonDetails(person.Id, person.Login, person.DisplayName, person.AvatarUrl?.ToString(), person.JoinedAt,
            [.. person.Grants.Select(g => new RoleGrantItem(g.Id, g.Role, g.From, g.To, g.GrantedBy, g.EndedBy))]);
    }
}
