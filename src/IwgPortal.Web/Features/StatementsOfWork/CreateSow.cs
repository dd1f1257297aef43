using FluentValidation;
using IwgPortal.Domain.Common;
using IwgPortal.Domain.Proposals;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>
/// A WG member starts an SOW from accepted proposals. The draft starts with their problem
/// statements and services, so nothing the community wrote has to be typed again.
/// </summary>
public sealed record CreateSowCommand(IReadOnlyList<int> ProposalIds, string Title) : ICommand<int>;

public sealed class CreateSowValidator : AbstractValidator<CreateSowCommand>
{
    public CreateSowValidator()
    {
        RuleFor(c => c.ProposalIds).NotEmpty().WithMessage("Name the accepted proposals this statement of work answers.");
        RuleFor(c => c.Title).NotEmpty().MaximumLength(StatementOfWork.MaxTitleLength);
    }
}

public sealed class CreateSowHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<CreateSowCommand, int>
{
    public async ValueTask<int> Handle(CreateSowCommand command, CancellationToken cancellationToken)
    {
        var ids = command.ProposalIds.Distinct().ToList();
        var proposals = await db.Proposals.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Problem, p.State, p.ServiceIds }).ToListAsync(cancellationToken);
        var missing = ids.Except(proposals.Select(p => p.Id)).ToList();
        if (missing.Count > 0)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("ProposalIds", $"Unknown proposal: {string.Join(", ", missing)}.")]);
        }

        var notAccepted = proposals.Where(p => !p.State.BecomesStatementOfWork()).ToList();
        if (notAccepted.Count > 0)
        {
            throw new DomainException("Only accepted proposals become statements of work: " + string.Join(", ", notAccepted.Select(p => $"“{p.Title}” is {p.State.Display().ToLowerInvariant()}")) + ".");
        }

        var serviceIds = proposals.SelectMany(p => p.ServiceIds).Distinct().ToList();
        var slugs = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).Select(s => s.Slug).ToListAsync(cancellationToken);
        var problem = string.Join("\n\n", proposals.Select(p => $"From proposal {p.Id}, “{p.Title}”:\n\n{p.Problem}"));
        var draft = SowContent.Empty(command.Title) with { Problem = problem, ServiceSlugs = slugs };
        var sow = new StatementOfWork(ids, draft, user.RequiredPersonId, clock.GetUtcNow());
        db.StatementsOfWork.Add(sow);
        await db.SaveChangesAsync(cancellationToken);
        return sow.Id;
    }
}
