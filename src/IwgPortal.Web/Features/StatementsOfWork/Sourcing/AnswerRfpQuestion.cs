using FluentValidation;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

/// <summary>The working group answers a question once, publicly, so that every bidder reads the same answer.</summary>
public sealed record AnswerRfpQuestionCommand(int SowId, int QuestionId, string Answer) : ICommand<bool>;

public sealed class AnswerRfpQuestionValidator : AbstractValidator<AnswerRfpQuestionCommand>
{
    public AnswerRfpQuestionValidator() => RuleFor(c => c.Answer).NotEmpty().MaximumLength(RfpQuestion.MaxTextLength);
}

public sealed class AnswerRfpQuestionHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<AnswerRfpQuestionCommand, bool>
{
    public async ValueTask<bool> Handle(AnswerRfpQuestionCommand command, CancellationToken cancellationToken)
    {
        await SourcingLoader.StageAsync(db, user, command.SowId, cancellationToken);
        var rfp = await SourcingLoader.RfpAsync(db, command.SowId, cancellationToken);
        var question = await db.RfpQuestions.SingleOrDefaultAsync(q => q.Id == command.QuestionId && q.RfpId == rfp.Id, cancellationToken)
            ?? throw new NotFoundException($"This request for proposals has no question {command.QuestionId}.");
        question.AnswerWith(user.RequiredPersonId, command.Answer, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
