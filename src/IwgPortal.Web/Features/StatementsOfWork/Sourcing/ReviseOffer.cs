using FluentValidation;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>The submitting contractor revises its offer before the deadline: a new offer superseding the old one.</summary>
public sealed record ReviseOfferCommand(int SowId, int OfferId, OfferInput Offer) : ICommand<int>;

public sealed class ReviseOfferValidator : AbstractValidator<ReviseOfferCommand>
{
    public ReviseOfferValidator() => RuleFor(c => c.Offer).NotNull().SetValidator(new OfferInputValidator());
}

public sealed class ReviseOfferHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<ReviseOfferCommand, int>
{
    public async ValueTask<int> Handle(ReviseOfferCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var now = clock.GetUtcNow();
        var offer = await SourcingLoader.OwnOfferAsync(db, user, rfp, command.OfferId, cancellationToken);
        var revision = rfp.Revise(stage, offer, user.RequiredPersonId, command.Offer.ToTerms(), now);
        await SourcingLoader.SaveSupersedingAsync(db, () => db.RfpOffers.Add(revision), cancellationToken);
        return revision.Id;
    }
}
