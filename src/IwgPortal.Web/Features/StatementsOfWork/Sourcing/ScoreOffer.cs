using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record CriterionScoreInput(string Criterion, int Value, string? Note);

/// <summary>
/// A working-group member scores an offer on one or more criteria, after the deadline. A changed
/// score is a new record superseding the old one; an unchanged one is left as it is.
/// </summary>
public sealed record ScoreOfferCommand(int SowId, int OfferId, IReadOnlyList<CriterionScoreInput> Scores) : ICommand<int>;

public sealed class ScoreOfferValidator : AbstractValidator<ScoreOfferCommand>
{
    public ScoreOfferValidator()
    {
        RuleFor(c => c.Scores).NotEmpty()
            .Must(s => s is null || s.Select(x => x.Criterion).Distinct().Count() == s.Count).WithMessage("Each criterion at most once.");
        RuleForEach(c => c.Scores).ChildRules(score =>
        {
            score.RuleFor(s => s.Criterion).NotEmpty().MaximumLength(10);
            score.RuleFor(s => s.Value).InclusiveBetween(RequestForProposals.MinScore, RequestForProposals.MaxScore);
            score.RuleFor(s => s.Note).MaximumLength(RfpScore.MaxNoteLength);
        });
    }
}

public sealed class ScoreOfferHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<ScoreOfferCommand, int>
{
    public async ValueTask<int> Handle(ScoreOfferCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var now = clock.GetUtcNow();
        var offer = await SourcingLoader.ReadableOfferAsync(db, user, rfp, command.OfferId, now, cancellationToken);
        var me = user.RequiredPersonId;
        var conflicted = await SourcingLoader.IsConflictedAsync(db, rfp.Id, me, cancellationToken);
        var current = await db.RfpScores.Where(s => s.OfferId == offer.Id && s.ScorerId == me && s.SupersededAt == null).ToListAsync(cancellationToken);
        var added = new List<RfpScore>();
        foreach (var input in command.Scores)
        {
            var old = current.SingleOrDefault(s => s.CriterionKey == input.Criterion);
            if (old is not null && old.Value == input.Value && old.Note == (string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim()))
            {
                continue;
            }

            added.Add(rfp.Score(stage, offer, me, user.Roles, conflicted, input.Criterion, input.Value, input.Note, old, now));
        }

        await SourcingLoader.SaveSupersedingAsync(db, () => db.RfpScores.AddRange(added), cancellationToken);
        return added.Count;
    }
}
