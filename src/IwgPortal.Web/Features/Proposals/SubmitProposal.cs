using FluentValidation;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

/// <summary>
/// Anyone signed in proposes a change. SubmissionKey comes from the form (or the API's
/// Idempotency-Key): sending the same submission twice returns the first proposal.
/// </summary>
public sealed record SubmitProposalCommand(
    string Title, string Problem, string DesiredOutcome, bool ChangesWorkflow,
    IReadOnlyList<string>? Services, IReadOnlyList<string>? Links, Guid? SubmissionKey) : ICommand<ProposalSubmitted>;

public sealed record ProposalSubmitted(int Id, string Slug, bool AlreadyExisted);

public sealed class SubmitProposalValidator : AbstractValidator<SubmitProposalCommand>
{
    public SubmitProposalValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the proposal a title.").MaximumLength(Proposal.MaxTitleLength);
        RuleFor(c => c.Problem).NotEmpty().WithMessage("Describe the problem.").MaximumLength(Proposal.MaxTextLength);
        RuleFor(c => c.DesiredOutcome).NotEmpty().WithMessage("Describe the outcome you want.").MaximumLength(Proposal.MaxTextLength);
        RuleFor(c => c.Services).Must(s => s is null || s.Count <= Proposal.MaxServices).WithMessage($"Name at most {Proposal.MaxServices} services.");
        RuleFor(c => c.Links).Must(l => l is null || l.Count(x => !string.IsNullOrWhiteSpace(x)) <= Proposal.MaxLinks).WithMessage($"Add at most {Proposal.MaxLinks} links.");
        RuleForEach(c => c.Links)
            .Must(l => string.IsNullOrWhiteSpace(l) || (Uri.TryCreate(l.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)))
            .WithMessage("Links must be absolute http(s) URLs.");
    }
}

public sealed class SubmitProposalHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : ICommandHandler<SubmitProposalCommand, ProposalSubmitted>
{
    public async ValueTask<ProposalSubmitted> Handle(SubmitProposalCommand command, CancellationToken cancellationToken)
    {
        var authorId = user.RequiredPersonId;
        var key = command.SubmissionKey ?? Guid.NewGuid();
        var existing = await db.Proposals.AsNoTracking()
            .Where(p => p.AuthorId == authorId && p.SubmissionKey == key)
            .Select(p => new { p.Id, p.Title })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new ProposalSubmitted(existing.Id, ProposalSlugs.From(existing.Title), AlreadyExisted: true);
        }

        var slugs = (command.Services ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => slugs.Contains(s.Slug)).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken);
        var unknown = slugs.Except(services.Select(s => s.Slug)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("Services", $"Unknown service: {string.Join(", ", unknown)}.")]);
        }

        var now = clock.GetUtcNow();
        var proposal = new Proposal(authorId, command.Title, command.Problem, command.DesiredOutcome, command.ChangesWorkflow,
            slugs.Select(slug => services.First(s => s.Slug == slug).Id), command.Links ?? [], key, now);
        db.Proposals.Add(proposal);
        try
        {
            await SaveWithAuthorFollowingAsync(proposal, authorId, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // The same form arrived twice at the same moment: the other request made the proposal.
            var first = await db.Proposals.AsNoTracking().Where(p => p.AuthorId == authorId && p.SubmissionKey == key).Select(p => new { p.Id, p.Title }).SingleAsync(cancellationToken);
            return new ProposalSubmitted(first.Id, ProposalSlugs.From(first.Title), AlreadyExisted: true);
        }

        return new ProposalSubmitted(proposal.Id, ProposalSlugs.From(proposal.Title), AlreadyExisted: false);
    }

    private async Task SaveWithAuthorFollowingAsync(Proposal proposal, int authorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The author follows their proposal; the follower row needs the proposal's id, so both go in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ProposalFollowers.Add(new ProposalFollower(proposal.Id, authorId, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
