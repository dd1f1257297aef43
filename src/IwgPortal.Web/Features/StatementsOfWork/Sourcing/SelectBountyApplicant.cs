using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>The working group selects the one applicant who gets the bounty; public.</summary>
public sealed record SelectBountyApplicantCommand(int SowId, int ApplicationId) : ICommand<bool>;

public sealed class SelectBountyApplicantHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<SelectBountyApplicantCommand, bool>
{
    public async ValueTask<bool> Handle(SelectBountyApplicantCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var application = await db.BountyApplications.SingleOrDefaultAsync(a => a.Id == command.ApplicationId && a.SowId == command.SowId, cancellationToken)
            ?? throw new NotFoundException($"Statement of work {command.SowId} has no bounty application {command.ApplicationId}.");
        var another = await db.BountyApplications.AnyAsync(a => a.SowId == command.SowId && a.Id != application.Id && a.SelectedAt != null, cancellationToken);
        application.Select(stage, another, user.RequiredPersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
