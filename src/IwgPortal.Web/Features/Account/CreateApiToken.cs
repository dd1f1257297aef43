using FluentValidation;
using IwgPortal.Domain.Tokens;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.Account;

/// <summary>Creates a personal API token. The secret is in the result and nowhere else, ever.</summary>
public sealed record CreateApiTokenCommand(string Name, int ExpiresInDays) : ICommand<CreatedApiToken>;

public sealed record CreatedApiToken(int Id, string Name, string Token, DateTimeOffset ExpiresAt);

public sealed class CreateApiTokenValidator : AbstractValidator<CreateApiTokenCommand>
{
    public CreateApiTokenValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the token a name, e.g. the script that will use it.")
            .MaximumLength(ApiToken.MaxNameLength);
        RuleFor(c => c.ExpiresInDays).InclusiveBetween(1, 366).WithMessage("A token expires after 1 to 366 days.");
    }
}

public sealed class CreateApiTokenHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<CreateApiTokenCommand, CreatedApiToken>
{
    public async ValueTask<CreatedApiToken> Handle(CreateApiTokenCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (token, secret) = ApiToken.Issue(user.RequiredPersonId, command.Name, now.AddDays(command.ExpiresInDays), now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiToken(token.Id, token.Name, secret, token.ExpiresAt);
    }
}
