using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Proposals;

public sealed record GetProposalQuery(int Id) : IQuery<ProposalDetails>;

public sealed class GetProposalHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<GetProposalQuery, ProposalDetails>
{
    public async ValueTask<ProposalDetails> Handle(GetProposalQuery query, CancellationToken cancellationToken)
    {
        var me = user.PersonId;
        var row = await db.Proposals.AsNoTracking()
            .Where(p => p.Id == query.Id)
            .Select(p => new
            {
                Proposal = p,
                Author = db.People.Where(a => a.Id == p.AuthorId).Select(a => new { a.Login, a.DisplayName }).First(),
                Transitions = p.Transitions.OrderBy(t => t.Id).Select(t => new
                {
                    t.From,
                    t.To,
                    Actor = db.People.Where(a => a.Id == t.ActorId).Select(a => a.Login).First(),
                    t.Reason,
                    t.At,
                }).ToList(),
                Services = db.Services.Where(s => p.ServiceIds.Contains(s.Id)).Select(s => new { s.Id, s.Slug, s.Name }).ToList(),
                Followers = db.ProposalFollowers.Count(f => f.ProposalId == p.Id),
                IsFollowing = me != null && db.ProposalFollowers.Any(f => f.ProposalId == p.Id && f.PersonId == me),
                Version = (uint)p.Version,
            })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"There is no proposal {query.Id}.");

        var p = row.Proposal;
        var byId = row.Services.ToDictionary(s => s.Id);
        IReadOnlyList<ServiceRef> services = [.. p.ServiceIds.Where(byId.ContainsKey).Select(id => new ServiceRef(byId[id].Slug, byId[id].Name))];
        return new ProposalDetails(p.Id, ProposalSlugs.From(p.Title), p.Title, p.Problem, p.DesiredOutcome, p.State,
            p.AuthorId, row.Author.Login, row.Author.DisplayName, p.ChangesWorkflow, services, p.Links,
            p.SubmittedAt, p.DiscussionStartedAt, p.ConsultationEndsAt, p.DecidedAt, p.CommentCount, row.Followers, row.IsFollowing,
            [.. row.Transitions.Select(t => new TransitionItem(t.From, t.To, t.Actor, t.Reason, t.At))], p.State.NextStates(), row.Version);
    }
}
