using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>What a contractor offers; shared by submission and revision.</summary>
public sealed record OfferInput(string Organisation, decimal Price, string Currency, string Schedule, string Approach, string? Attachments)
{
    public OfferTerms ToTerms() => new(Organisation, Price, Currency, Schedule, Approach, Attachments);
}

public sealed class OfferInputValidator : AbstractValidator<OfferInput>
{
    public OfferInputValidator()
    {
        RuleFor(o => o.Organisation).NotEmpty().MaximumLength(RfpOffer.MaxOrganisationLength);
        RuleFor(o => o.Price).GreaterThan(0).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        RuleFor(o => o.Currency).NotEmpty().Matches("^[A-Za-z]{3}$").WithMessage("Currency must be a three-letter code such as EUR or USD.");
        RuleFor(o => o.Schedule).NotEmpty().MaximumLength(RfpOffer.MaxScheduleLength);
        RuleFor(o => o.Approach).NotEmpty().MaximumLength(RfpOffer.MaxApproachLength);
        RuleFor(o => o.Attachments).MaximumLength(RfpOffer.MaxAttachmentsLength);
    }
}

/// <summary>
/// A contractor submits a sealed offer before the deadline, for the organisation it names. After
/// a withdrawal, a new submission supersedes the withdrawn offer.
/// </summary>
public sealed record SubmitOfferCommand(int SowId, OfferInput Offer) : ICommand<int>;

public sealed class SubmitOfferValidator : AbstractValidator<SubmitOfferCommand>
{
    public SubmitOfferValidator() => RuleFor(c => c.Offer).NotNull().SetValidator(new OfferInputValidator());
}

public sealed class SubmitOfferHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<SubmitOfferCommand, int>
{
    public async ValueTask<int> Handle(SubmitOfferCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var me = user.RequiredPersonId;
        var current = await db.RfpOffers.SingleOrDefaultAsync(o => o.RfpId == rfp.Id && o.SubmittedById == me && o.SupersededAt == null, cancellationToken);
        var offer = rfp.Submit(stage, current, me, command.Offer.ToTerms(), clock.GetUtcNow());
        if (current is null)
        {
            db.RfpOffers.Add(offer);
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            await SourcingLoader.SaveSupersedingAsync(db, () => db.RfpOffers.Add(offer), cancellationToken);
        }

        return offer.Id;
    }
}
