using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Caching;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

public sealed record GetProposalQuery(int Id) : IQuery<ProposalDetails>;

public sealed class GetProposalHandler(PortalDbContext db, CurrentUser user, PublicDataCache cache) : IQueryHandler<GetProposalQuery, ProposalDetails>
{
    // Compiled once: a proposal read is the portal's most frequent computed request. Authors are
    // joined, not looked up with First() (which EF turns into a window over every person), only
    // the columns shown are read (not the search vector), and services come from the cached catalogue.
    private static readonly Func<PortalDbContext, int, int, CancellationToken, Task<Row?>> Load = EF.CompileAsyncQuery(
        (PortalDbContext db, int id, int me, CancellationToken cancellationToken) => db.Proposals
            .Where(p => p.Id == id)
            .Join(db.People, p => p.AuthorId, a => a.Id, (p, a) => new Row(
                p.Id, p.Title, p.Problem, p.DesiredOutcome, p.State, p.AuthorId, a.Login, a.DisplayName, p.ChangesWorkflow,
                p.ServiceIds, p.Links, p.SubmittedAt, p.DiscussionStartedAt, p.ConsultationEndsAt, p.DecidedAt, p.CommentCount,
                db.ProposalFollowers.Count(f => f.ProposalId == p.Id),
                db.ProposalFollowers.Any(f => f.ProposalId == p.Id && f.PersonId == me),
                (uint)p.Version,
                p.Transitions.OrderBy(t => t.Id)
                    .Join(db.People, t => t.ActorId, actor => actor.Id, (t, actor) => new TransitionItem(t.From, t.To, actor.Login, t.Reason, t.At))
                    .ToList()))
            .SingleOrDefault());

    public async ValueTask<ProposalDetails> Handle(GetProposalQuery query, CancellationToken cancellationToken)
    {
        // No person has id 0, so an anonymous reader follows nothing.
        var p = await Load(db, query.Id, user.PersonId ?? 0, cancellationToken) ?? throw new NotFoundException($"There is no proposal {query.Id}.");
        var services = (await ServiceCatalogue.ReadAsync(db, cache, cancellationToken)).Named(p.ServiceIds);
        return new ProposalDetails(p.Id, ProposalSlugs.From(p.Title), p.Title, p.Problem, p.DesiredOutcome, p.State,
            p.AuthorId, p.AuthorLogin, p.AuthorName, p.ChangesWorkflow, services, p.Links,
            p.SubmittedAt, p.DiscussionStartedAt, p.ConsultationEndsAt, p.DecidedAt, p.CommentCount, p.Followers, p.IsFollowing,
            p.Transitions, p.State.NextStates(), p.Version);
    }

    private sealed record Row(
        int Id, string Title, string Problem, string DesiredOutcome, ProposalState State, int AuthorId, string AuthorLogin, string AuthorName,
        bool ChangesWorkflow, IReadOnlyList<int> ServiceIds, IReadOnlyList<string> Links, DateTimeOffset SubmittedAt, DateTimeOffset? DiscussionStartedAt,
        DateTimeOffset? ConsultationEndsAt, DateTimeOffset? DecidedAt, int CommentCount, int Followers, bool IsFollowing, uint Version,
        List<TransitionItem> Transitions);
}
