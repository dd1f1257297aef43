using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>
/// The working group sets the bounty's public amount (Draft, Published or Sourcing, before anyone
/// applied). A new amount supersedes the old record; nothing is overwritten.
/// </summary>
public sealed record SetBountyCommand(int SowId, decimal Amount, string Currency) : ICommand<int>;

public sealed class SetBountyValidator : AbstractValidator<SetBountyCommand>
{
    public SetBountyValidator()
    {
        RuleFor(c => c.Amount).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        RuleFor(c => c.Currency).NotEmpty().Matches("^[A-Za-z]{3}$").WithMessage("Currency must be a three-letter code such as EUR or USD.");
    }
}

public sealed class SetBountyHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<SetBountyCommand, int>
{
    public async ValueTask<int> Handle(SetBountyCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var current = await db.Bounties.SingleOrDefaultAsync(b => b.SowId == command.SowId && b.SupersededAt == null, cancellationToken);
        var applied = await db.BountyApplications.AnyAsync(a => a.SowId == command.SowId, cancellationToken);
        var bounty = Bounty.Set(stage, current, applied, command.Amount, command.Currency, user.RequiredPersonId, clock.GetUtcNow());

        if (current is not null)
        {
            await SourcingLoader.SaveSupersedingAsync(db, () => db.Bounties.Add(bounty), cancellationToken);
            return bounty.Id;
        }

        db.Bounties.Add(bounty);
        await db.SaveChangesAsync(cancellationToken);
        return bounty.Id;
    }
}
