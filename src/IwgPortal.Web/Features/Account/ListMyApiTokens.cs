using IwgPortal.Web.Data;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace IwgPortal.Web.Features.Account;

public sealed record ListMyApiTokensQuery : IQuery<IReadOnlyList<ApiTokenItem>>;

public sealed record ApiTokenItem(int Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool IsUsable);

public sealed class ListMyApiTokensHandler(PortalDbContext db, CurrentUser user, TimeProvider clock) : IQueryHandler<ListMyApiTokensQuery, IReadOnlyList<ApiTokenItem>>
{
    public async ValueTask<IReadOnlyList<ApiTokenItem>> Handle(ListMyApiTokensQuery query, CancellationToken cancellationToken)
    {
        var id = user.RequiredPersonId;
        var now = clock.GetUtcNow();
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.PersonId == id)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenItem(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.RevokedAt == null && now < t.ExpiresAt))
            .ToListAsync(cancellationToken);
    }
}
