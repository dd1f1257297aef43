using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>A signed-in community member offers to do the work of a volunteers-route SOW.</summary>
public sealed record OfferToVolunteerCommand(int SowId, string Note) : ICommand<int>;

public sealed class OfferToVolunteerValidator : AbstractValidator<OfferToVolunteerCommand>
{
    public OfferToVolunteerValidator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(VolunteerOffer.MaxNoteLength);
}

public sealed class OfferToVolunteerHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<OfferToVolunteerCommand, int>
{
    public async ValueTask<int> Handle(OfferToVolunteerCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var offer = VolunteerOffer.Offer(stage, user.RequiredPersonId, command.Note, clock.GetUtcNow());
        db.VolunteerOffers.Add(offer);
        await db.SaveChangesAsync(cancellationToken);
        return offer.Id;
    }
}
