using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record RfpCriterionInput(string Name, int Weight);

/// <summary>The working group opens the RFP of a published SOW: a deadline and weighted evaluation criteria.</summary>
public sealed record OpenRfpCommand(int SowId, DateTimeOffset Deadline, IReadOnlyList<RfpCriterionInput> Criteria) : ICommand<int>;

public sealed class OpenRfpValidator : AbstractValidator<OpenRfpCommand>
{
    public OpenRfpValidator()
    {
        RuleFor(c => c.Deadline).NotEmpty();
        RuleFor(c => c.Criteria).NotEmpty().Must(c => c is null || c.Count <= RequestForProposals.MaxCriteria)
            .WithMessage($"At most {RequestForProposals.MaxCriteria} criteria.");
        RuleForEach(c => c.Criteria).ChildRules(criterion =>
        {
            criterion.RuleFor(c => c.Name).NotEmpty().MaximumLength(RequestForProposals.MaxCriterionNameLength);
            criterion.RuleFor(c => c.Weight).InclusiveBetween(1, RequestForProposals.MaxWeight);
        });
    }
}

public sealed class OpenRfpHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<OpenRfpCommand, int>
{
    public async ValueTask<int> Handle(OpenRfpCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var exists = await db.Rfps.AnyAsync(r => r.SowId == command.SowId, cancellationToken);
        var rfp = RequestForProposals.Open(stage, exists, command.Deadline, [.. command.Criteria.Select(c => (c.Name, c.Weight))], user.RequiredPersonId, clock.GetUtcNow());
        db.Rfps.Add(rfp);
        await db.SaveChangesAsync(cancellationToken);
        return rfp.Id;
    }
}
