using FluentValidation;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>
/// Moves a proposal to its next state with a public reason. Version is the one the mover saw:
/// when two WG members move the same proposal at once, one wins and the other gets a conflict.
/// </summary>
public sealed record MoveProposalCommand(int ProposalId, ProposalState To, string? Reason, uint? Version) : ICommand<ProposalDetails>;

public sealed class ProposalOptions
{
    public const string Section = "Proposals";

    /// <summary>Length of the community consultation of a workflow-changing proposal.</summary>
    public int ConsultationDays { get; set; } = 14;
}

public sealed class MoveProposalValidator : AbstractValidator<MoveProposalCommand>
{
    public MoveProposalValidator()
    {
        RuleFor(c => c.To).IsInEnum();
        RuleFor(c => c.Reason).MaximumLength(ProposalTransition.MaxReasonLength);
        RuleFor(c => c.Reason).NotEmpty().When(c => c.To != ProposalState.Withdrawn)
            .WithMessage("Give a public reason for this decision.");
    }
}

public sealed class MoveProposalHandler(PortalDbContext db, CurrentUser user, TimeProvider clock, ProposalOptions options, ISender sender)
    : ICommandHandler<MoveProposalCommand, ProposalDetails>
{
    public async ValueTask<ProposalDetails> Handle(MoveProposalCommand command, CancellationToken cancellationToken)
    {
        var actor = user.RequiredPersonId;
        var proposal = await db.Proposals.Include(p => p.Transitions).SingleOrDefaultAsync(p => p.Id == command.ProposalId, cancellationToken)
            ?? throw new NotFoundException($"There is no proposal {command.ProposalId}.");
        // Who may try at all is an authorisation question (403); whether the move is legal now is the domain's (409).
        if (command.To == ProposalState.Withdrawn ? proposal.AuthorId != actor : !user.Roles.IsWorkingGroup)
        {
            throw new ForbiddenException(command.To == ProposalState.Withdrawn
                ? "Only the author can withdraw a proposal."
                : "Only working-group members move proposals into discussion or decide them.");
        }

        if (command.Version is { } version)
        {
            // Someone moved it since this person looked: say so, rather than judging a move from a state they never saw.
            if (proposal.Version != (int)version)
            {
                throw new DbUpdateConcurrencyException(ProblemMapping.ConcurrencyMessage);
            }

            db.Entry(proposal).Property(p => p.Version).OriginalValue = (int)version;
        }

        proposal.Move(command.To, actor, user.Roles.IsWorkingGroup, command.Reason, clock.GetUtcNow(), TimeSpan.FromDays(options.ConsultationDays));
        await db.SaveChangesAsync(cancellationToken);
        return await sender.Send(new GetProposalQuery(proposal.Id), cancellationToken);
    }
}
