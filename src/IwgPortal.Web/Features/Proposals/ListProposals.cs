using System.Globalization;
using System.Text.Json;
using FluentValidation;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Data;
using IwgPortal.Web.Data.Configurations;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Caching;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace IwgPortal.Web.Features.Proposals;

public enum ProposalSort
{
    Newest,
    MostDiscussed,
    RecentlyActive,
}

/// <summary>
/// The public list: filters, full-text search, three orders and keyset paging. The cursor is
/// opaque and signed, so a tampered one is refused instead of silently paging wrong.
/// </summary>
public sealed record ListProposalsQuery(
    ProposalState? State = null, string? Service = null, bool? ChangesWorkflow = null, string? Author = null, string? Q = null,
    ProposalSort Sort = ProposalSort.Newest, string? Cursor = null, int PageSize = 25, bool IncludeCounts = true) : IQuery<ProposalPage>;

public sealed record ProposalPage(IReadOnlyList<ProposalItem> Items, string? NextCursor, IReadOnlyDictionary<ProposalState, int> CountByState);

public sealed class ListProposalsValidator : AbstractValidator<ListProposalsQuery>
{
    public ListProposalsValidator()
    {
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.State).IsInEnum();
        RuleFor(q => q.Sort).IsInEnum();
    }
}

public sealed class ListProposalsHandler(PortalDbContext db, IDataProtectionProvider protection, PublicDataCache cache) : IQueryHandler<ListProposalsQuery, ProposalPage>
{
    private readonly IDataProtector _cursors = protection.CreateProtector("proposal-list-cursor");

    public async ValueTask<ProposalPage> Handle(ListProposalsQuery query, CancellationToken cancellationToken)
    {
        var services = await ServiceCatalogue.ReadAsync(db, cache, cancellationToken);
        var filtered = db.Proposals.AsNoTracking();
        if (query.Service is { Length: > 0 } slug)
        {
            var serviceId = services.IdOf(slug) ?? -1;
            filtered = filtered.Where(p => p.ServiceIds.Contains(serviceId));
        }

        if (query.ChangesWorkflow is { } flag)
        {
            filtered = filtered.Where(p => p.ChangesWorkflow == flag);
        }

        if (query.Author is { Length: > 0 } login)
        {
            filtered = filtered.Where(p => db.People.Any(a => a.Id == p.AuthorId && a.Login == login));
        }

        if (query.Q is { Length: > 0 } q && !string.IsNullOrWhiteSpace(q))
        {
            filtered = filtered.Where(p => EF.Property<NpgsqlTsVector>(p, ProposalConfiguration.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("english", q)));
        }

        // Counts per state ignore the state filter, so the tabs show what each would give.
        // They are cached per filter until the next write (PublicDataCache), so paging and repeated views do not count again.
        var counted = filtered;
        IReadOnlyDictionary<ProposalState, int> counts = query.IncludeCounts
            ? await cache.GetOrLoadAsync(
                new CountKey(query.Service, query.ChangesWorkflow, query.Author, query.Q),
                ct => counted.GroupBy(p => p.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct),
                cancellationToken)
            : new Dictionary<ProposalState, int>();
        if (query.State is { } state)
        {
            filtered = filtered.Where(p => p.State == state);
        }

        var after = Decode(query.Cursor, query.Sort);
        var page = query.Sort switch
        {
            ProposalSort.MostDiscussed => (after is null ? filtered : filtered.Where(p => p.CommentCount < after.Count || (p.CommentCount == after.Count && p.Id < after.Id)))
                .OrderByDescending(p => p.CommentCount).ThenByDescending(p => p.Id),
            ProposalSort.RecentlyActive => (after is null ? filtered : filtered.Where(p => p.LastActivityAt < after.At || (p.LastActivityAt == after.At && p.Id < after.Id)))
                .OrderByDescending(p => p.LastActivityAt).ThenByDescending(p => p.Id),
            _ => (after is null ? filtered : filtered.Where(p => p.Id < after.Id)).OrderByDescending(p => p.Id),
        };

        // Authors joined after paging (a First() sub-select becomes a window over every person);
        // services from the cached catalogue, in the order their author gave.
        var rows = await page.Take(query.PageSize + 1)
            .Join(db.People, p => p.AuthorId, a => a.Id, (p, a) => new
            {
                p.Id, p.Title, p.State, p.ChangesWorkflow, p.ServiceIds, p.CommentCount, p.SubmittedAt, p.LastActivityAt, a.Login, a.DisplayName,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Take(query.PageSize).Select(r => new ProposalItem(
            r.Id, ProposalSlugs.From(r.Title), r.Title, r.State, r.Login, r.DisplayName, r.ChangesWorkflow,
            services.Named(r.ServiceIds), r.CommentCount, r.SubmittedAt, r.LastActivityAt)).ToList();
        var next = rows.Count > query.PageSize ? Encode(items[^1], query.Sort) : null;
        return new ProposalPage(items, next, counts);
    }

    private string Encode(ProposalItem last, ProposalSort sort) =>
        _cursors.Protect(JsonSerializer.Serialize(new CursorData(sort, last.Id, last.CommentCount, last.LastActivityAt)));

    private CursorData? Decode(string? cursor, ProposalSort sort)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        CursorData? data;
        try
        {
            data = JsonSerializer.Deserialize<CursorData>(_cursors.Unprotect(cursor));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            data = null;
        }

        if (data is null || data.Sort != sort)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("Cursor",
                "This page link is not valid (it was changed, or belongs to another sort order). Start again from the first page.")]);
        }

        return data;
    }

    /// <summary>What the counts depend on: the filters, not the state (counts ignore it), the order or the page.</summary>
    private sealed record CountKey(string? Service, bool? ChangesWorkflow, string? Author, string? Q);

    private sealed record CursorData(ProposalSort Sort, int Id, int Count, DateTimeOffset At);
}
