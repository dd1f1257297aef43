using FluentValidation;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>
/// Saves the draft (the editor's autosave too). Version is the one the editor started from: when
/// another WG member saved meanwhile, this is refused with 409 instead of overwriting them.
/// </summary>
public sealed record SaveSowDraftCommand(int SowId, SowContent Content, uint Version) : ICommand<uint>;

public sealed class SaveSowDraftValidator : AbstractValidator<SaveSowDraftCommand>
{
    public SaveSowDraftValidator()
    {
        RuleFor(c => c.Content).NotNull();
        RuleFor(c => c.Content.Title).NotEmpty().MaximumLength(StatementOfWork.MaxTitleLength).When(c => c.Content is not null);
        RuleFor(c => c.Content.WorkItems).Must(w => w.Count <= 100).When(c => c.Content is not null).WithMessage("At most 100 work items.");
        RuleFor(c => c.Content).Must(c => c.Canonical().Length <= 200_000).When(c => c.Content is not null).WithMessage("The text is too long (200,000 characters at most).");
    }
}

public sealed class SaveSowDraftHandler(PortalDbContext db) : ICommandHandler<SaveSowDraftCommand, uint>
{
    public async ValueTask<uint> Handle(SaveSowDraftCommand command, CancellationToken cancellationToken)
    {
        var sow = await SowLoader.LoadAsync(db, command.SowId, cancellationToken);
        db.Entry(sow).Property<uint>("xmin").OriginalValue = command.Version;
        sow.EditDraft(command.Content);
        await db.SaveChangesAsync(cancellationToken);
        return db.Entry(sow).Property<uint>("xmin").CurrentValue;
    }
}

public sealed record PublishSowCommand(int SowId) : ICommand<SowRevisionItem>;

public sealed class PublishSowHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<PublishSowCommand, SowRevisionItem>
{
    public async ValueTask<SowRevisionItem> Handle(PublishSowCommand command, CancellationToken cancellationToken)
    {
        var sow = await SowLoader.LoadAsync(db, command.SowId, cancellationToken);
        var revision = sow.Publish(user.RequiredPersonId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new SowRevisionItem(revision.Number, revision.Sha256, user.Login ?? string.Empty, revision.PublishedAt);
    }
}

public sealed record MoveSowCommand(int SowId, SowState To, string? Reason) : ICommand<SowState>;

public sealed class MoveSowValidator : AbstractValidator<MoveSowCommand>
{
    public MoveSowValidator()
    {
        RuleFor(c => c.To).IsInEnum();
        RuleFor(c => c.Reason).MaximumLength(2_000);
    }
}

/// <summary>Sourcing, decision, back to draft (with a reason) and cancellation (with a reason).</summary>
public sealed class MoveSowHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<MoveSowCommand, SowState>
{
    public async ValueTask<SowState> Handle(MoveSowCommand command, CancellationToken cancellationToken)
    {
        var sow = await SowLoader.LoadAsync(db, command.SowId, cancellationToken);
        var ids = sow.ProposalIds.ToList();
        var proposals = await db.Proposals.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new LinkedProposal(p.Id, p.Title, p.ConsultationEndsAt, p.ChangesWorkflow)).ToListAsync(cancellationToken);
        sow.Move(command.To, user.RequiredPersonId, command.Reason, clock.GetUtcNow(), proposals);
        await db.SaveChangesAsync(cancellationToken);
        return sow.State;
    }
}

internal static class SowLoader
{
    public static async Task<StatementOfWork> LoadAsync(PortalDbContext db, int id, CancellationToken cancellationToken) =>
        await db.StatementsOfWork.AsSplitQuery().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no statement of work {id}.");
}
