using FluentValidation;
using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Membership;

/// <summary>An admin grants a role for a term. The term may start in the future; no end means open.</summary>
public sealed record GrantRoleCommand(int PersonId, Role Role, DateTimeOffset? From, DateTimeOffset? To) : ICommand<RoleGrantItem>;

public sealed class GrantRoleValidator : AbstractValidator<GrantRoleCommand>
{
    public GrantRoleValidator()
    {
        RuleFor(c => c.Role).IsInEnum().Must(r => RoleNames.Grantable.Contains(r))
            .WithMessage("Choose one of: " + string.Join(", ", RoleNames.Grantable) + ".");
        RuleFor(c => c.To).GreaterThan(c => c.From).When(c => c.From is not null && c.To is not null)
            .WithMessage("The end of the term must be after its start.");
    }
}

public sealed class GrantRoleHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<GrantRoleCommand, RoleGrantItem>
{
    public async ValueTask<RoleGrantItem> Handle(GrantRoleCommand command, CancellationToken cancellationToken)
    {
        var person = await db.People.Include(p => p.RoleGrants).SingleOrDefaultAsync(p => p.Id == command.PersonId, cancellationToken)
            ?? throw new NotFoundException("There is no person with that id.");
        var now = clock.GetUtcNow();
        var grant = person.Grant(command.Role, command.From ?? now, command.To, user.RequiredPersonId, now);
        await db.SaveChangesAsync(cancellationToken);
        return new RoleGrantItem(grant.Id, grant.Role, grant.From, grant.To, user.Login, null);
    }
}
