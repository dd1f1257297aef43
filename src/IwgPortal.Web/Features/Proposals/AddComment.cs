using FluentValidation;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

public sealed record AddCommentCommand(CommentSubject Subject, string Body, int? ReplyTo) : ICommand<int>;

public sealed class AddCommentValidator : AbstractValidator<AddCommentCommand>
{
    public AddCommentValidator()
    {
        RuleFor(c => c.Body).NotEmpty().WithMessage("Write something first.").MaximumLength(Comment.MaxBodyLength);
    }
}

public sealed class AddCommentHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<AddCommentCommand, int>
{
    public async ValueTask<int> Handle(AddCommentCommand command, CancellationToken cancellationToken)
    {
        var me = user.RequiredPersonId;
        var subject = command.Subject;
        Comment? parent = null;
        if (command.ReplyTo is { } parentId)
        {
            parent = await db.Comments.AsNoTracking().Where(subject.Comments()).SingleOrDefaultAsync(c => c.Id == parentId, cancellationToken)
                ?? throw new NotFoundException($"There is no comment {parentId} on {subject.Name}.");
        }

        var now = clock.GetUtcNow();
        if (subject.Kind == CommentSubjectKind.StatementOfWork)
        {
            var sow = await db.StatementsOfWork.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subject.Id, cancellationToken);
            if (sow is null || (sow.Latest is null && !user.Roles.IsWorkingGroup))
            {
                throw new NotFoundException($"There is no {subject.Name}.");
            }

            var onSow = Comment.Write(sow, me, parent, command.Body, now);
            db.Comments.Add(onSow);
            await db.SaveChangesAsync(cancellationToken);
            return onSow.Id;
        }

        var proposal = await db.Proposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == subject.Id, cancellationToken)
            ?? throw new NotFoundException($"There is no {subject.Name}.");
        var comment = Comment.Write(proposal, me, parent, command.Body, now);
        db.Comments.Add(comment);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Counters move atomically in SQL, so a comment never fights a concurrent state change over the row version.
        await db.Proposals.Where(p => p.Id == proposal.Id).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + 1).SetProperty(p => p.LastActivityAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return comment.Id;
    }
}

public sealed record EditCommentCommand(CommentSubject Subject, int CommentId, string Body) : ICommand;

public sealed class EditCommentValidator : AbstractValidator<EditCommentCommand>
{
    public EditCommentValidator()
    {
        RuleFor(c => c.Body).NotEmpty().WithMessage("A comment cannot be empty.").MaximumLength(Comment.MaxBodyLength);
    }
}

/// <summary>The author edits; the earlier text is kept and the comment is marked as edited.</summary>
public sealed class EditCommentHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<EditCommentCommand>
{
    public async ValueTask<Unit> Handle(EditCommentCommand command, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.Include(c => c.Revisions).Where(command.Subject.Comments())
            .SingleOrDefaultAsync(c => c.Id == command.CommentId, cancellationToken)
            ?? throw new NotFoundException($"There is no comment {command.CommentId} on {command.Subject.Name}.");
        if (comment.AuthorId != user.RequiredPersonId)
        {
            throw new ForbiddenException("Only its author can edit a comment.");
        }

        comment.Edit(user.RequiredPersonId, command.Body, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed record HideCommentCommand(CommentSubject Subject, int CommentId, string Reason) : ICommand;

public sealed class HideCommentValidator : AbstractValidator<HideCommentCommand>
{
    public HideCommentValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say publicly why the comment is hidden.").MaximumLength(Comment.MaxHideReasonLength);
    }
}

/// <summary>A working-group member hides an abusive comment, with a public reason. Nothing is deleted.</summary>
public sealed class HideCommentHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<HideCommentCommand>
{
    public async ValueTask<Unit> Handle(HideCommentCommand command, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.Where(command.Subject.Comments()).SingleOrDefaultAsync(c => c.Id == command.CommentId, cancellationToken)
            ?? throw new NotFoundException($"There is no comment {command.CommentId} on {command.Subject.Name}.");
        comment.Hide(user.RequiredPersonId, command.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
