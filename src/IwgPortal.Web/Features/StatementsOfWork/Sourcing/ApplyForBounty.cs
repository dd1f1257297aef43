using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>A signed-in community member applies for a bounty with a short plan.</summary>
public sealed record ApplyForBountyCommand(int SowId, string Plan) : ICommand<int>;

public sealed class ApplyForBountyValidator : AbstractValidator<ApplyForBountyCommand>
{
    public ApplyForBountyValidator() => RuleFor(c => c.Plan).NotEmpty().MaximumLength(BountyApplication.MaxPlanLength);
}

public sealed class ApplyForBountyHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<ApplyForBountyCommand, int>
{
    public async ValueTask<int> Handle(ApplyForBountyCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var bounty = await db.Bounties.AsNoTracking().SingleOrDefaultAsync(b => b.SowId == command.SowId && b.SupersededAt == null, cancellationToken);
        var application = BountyApplication.Apply(stage, bounty, user.RequiredPersonId, command.Plan, clock.GetUtcNow());
        db.BountyApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return application.Id;
    }
}
