using IwgPortal.Domain.Membership;
using IwgPortal.Web.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Account;

/// <summary>GitHub said who this is: create the person on first sign-in, refresh the profile later.</summary>
public sealed record RecordGitHubSignInCommand(long GitHubId, string Login, string? Name, string? AvatarUrl) : ICommand<PersonSignedIn>;

public sealed record PersonSignedIn(int PersonId, string Login, string DisplayName);

public sealed class RecordGitHubSignInHandler(PortalDbContext db, TimeProvider clock) : ICommandHandler<RecordGitHubSignInCommand, PersonSignedIn>
{
    public async ValueTask<PersonSignedIn> Handle(RecordGitHubSignInCommand command, CancellationToken cancellationToken)
    {
        var avatar = Uri.TryCreate(command.AvatarUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;
        var person = await db.People.SingleOrDefaultAsync(p => p.GitHubId == command.GitHubId, cancellationToken);
        if (person is null)
        {
            person = new Person(command.GitHubId, command.Login, command.Name, avatar, clock.GetUtcNow());
            db.People.Add(person);
        }
        else
        {
            person.RefreshProfile(command.Login, command.Name, avatar);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PersonSignedIn(person.Id, person.Login, person.DisplayName);
    }
}
