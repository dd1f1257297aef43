using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.StatementsOfWork.Sourcing;

public sealed record GetBountyQuery(int SowId) : IQuery<BountyDetails>;

public sealed record BountyAmountItem(decimal Amount, string Currency, string SetBy, DateTimeOffset SetAt, DateTimeOffset? SupersededAt);

public sealed record BountyApplicationItem(int Id, string Applicant, string Plan, DateTimeOffset AppliedAt, bool Selected, DateTimeOffset? SelectedAt);

/// <summary>Current is null until the working group sets an amount; History lists every amount, oldest first.</summary>
public sealed record BountyDetails(int SowId, BountyAmountItem? Current, IReadOnlyList<BountyAmountItem> History, IReadOnlyList<BountyApplicationItem> Applications, string? Selected);

/// <summary>A bounty is public: its amount and its history, the applications and the selected applicant.</summary>
public sealed class GetBountyHandler(PortalDbContext db, CurrentUser user) : IQueryHandler<GetBountyQuery, BountyDetails>
{
    public async ValueTask<BountyDetails> Handle(GetBountyQuery query, CancellationToken cancellationToken)
    {
        var stage = await SourcingLoader.StageAsync(db, user, query.SowId, cancellationToken);
        var amounts = await db.Bounties.AsNoTracking().Where(b => b.SowId == query.SowId).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        if (amounts.Count == 0 && stage.Route != Domain.StatementsOfWork.DeliveryRoute.Bounty)
        {
            throw new NotFoundException($"Statement of work {query.SowId} has no bounty.");
        }

        var applications = await db.BountyApplications.AsNoTracking().Where(a => a.SowId == query.SowId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var logins = await SourcingLoader.LoginsAsync(db, amounts.Select(a => (int?)a.SetById).Concat(applications.Select(a => (int?)a.PersonId)), cancellationToken);
        var history = amounts.Select(b => new BountyAmountItem(b.Amount, b.Currency, logins[b.SetById], b.SetAt, b.SupersededAt)).ToList();
        var items = applications.Select(a => new BountyApplicationItem(a.Id, logins[a.PersonId], a.Plan, a.AppliedAt, a.IsSelected, a.SelectedAt)).ToList();
        return new BountyDetails(query.SowId, history.LastOrDefault(h => h.SupersededAt is null), history, items, items.FirstOrDefault(i => i.Selected)?.Applicant);
    }
}
