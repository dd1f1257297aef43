using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>Anyone signed in asks a public question on an RFP before its deadline.</summary>
public sealed record AskRfpQuestionCommand(int SowId, string Question) : ICommand<int>;

public sealed class AskRfpQuestionValidator : AbstractValidator<AskRfpQuestionCommand>
{
    public AskRfpQuestionValidator() => RuleFor(c => c.Question).NotEmpty().MaximumLength(RfpQuestion.MaxTextLength);
}

public sealed class AskRfpQuestionHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<AskRfpQuestionCommand, int>
{
    public async ValueTask<int> Handle(AskRfpQuestionCommand command, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var question = rfp.Ask(stage, user.RequiredPersonId, command.Question, clock.GetUtcNow());
        db.RfpQuestions.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        return question.Id;
    }
}
