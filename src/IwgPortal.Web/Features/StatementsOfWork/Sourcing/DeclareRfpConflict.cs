using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>
/// A working-group member declares a conflict of interest on an RFP (e.g. works for a bidder).
/// Public, permanent, and from then on the offers, scores and ranking are closed to them.
/// </summary>
public sealed record DeclareRfpConflictCommand(int SowId, string Organisation, string? Note) : ICommand<int>;

public sealed class DeclareRfpConflictValidator : AbstractValidator<DeclareRfpConflictCommand>
{
    public DeclareRfpConflictValidator()
    {
        RuleFor(c => c.Organisation).NotEmpty().MaximumLength(RfpOffer.MaxOrganisationLength);
        RuleFor(c => c.Note).MaximumLength(RfpConflict.MaxNoteLength);
    }
}

public sealed class DeclareRfpConflictHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<DeclareRfpConflictCommand, int>
{
    public async ValueTask<int> Handle(DeclareRfpConflictCommand command, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var me = user.RequiredPersonId;
        var existing = await db.RfpConflicts.AsNoTracking().Where(c => c.RfpId == rfp.Id && c.MemberId == me).ToListAsync(cancellationToken);
        var conflict = rfp.DeclareConflict(existing, me, command.Organisation, command.Note, clock.GetUtcNow());
        db.RfpConflicts.Add(conflict);
        await db.SaveChangesAsync(cancellationToken);
        return conflict.Id;
    }
}
