using FluentValidation;
using IwgPortal.Domain.Proposals;
using IwgPortal.Web.Features.Proposals;
using IwgPortal.Web.Features.Services;
using IwgPortal.Web.Hosting.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.Proposals;

/// <summary>The public list. Every filter lives in the query string, so a view can be shared as a link.</summary>
public sealed class ProposalListModel(IMediator mediator, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ProposalState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? ChangesWorkflow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Author { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProposalSort Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ProposalPage Result { get; private set; } = new([], null, new Dictionary<ProposalState, int>());

    /// <summary>Why the list could not be shown (a changed page link, a search too long).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<ServiceItem> Services { get; private set; } = [];

    public bool SignedIn => user.IsSignedIn;

    public bool IsFiltered => Service is { Length: > 0 } || ChangesWorkflow is not null || Author is { Length: > 0 } || Q is { Length: > 0 };

    public int CountAll => Result.CountByState.Values.Sum();

    public int CountOf(ProposalState state) => Result.CountByState.GetValueOrDefault(state);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Services = await mediator.Send(new ListServicesQuery(), ct);
        try
        {
            Result = await mediator.Send(new ListProposalsQuery(State, Service, ChangesWorkflow, Author, Q, Sort, Cursor), ct);
        }
        catch (ValidationException ex)
        {
            Problems = [.. ex.Errors.Select(e => e.ErrorMessage).Distinct()];
        }
    }

    /// <summary>This list's address with some filters changed; paging always starts again unless a cursor is given.</summary>
    public string Link(ProposalState? state = null, bool keepState = true, ProposalSort? sort = null, string? cursor = null)
    {
        var query = new QueryBuilder();
        var s = keepState ? State : state;
        if (s is { } chosen)
        {
            query.Add("state", chosen.ToString());
        }

        Add(query, "service", Service);
        Add(query, "changesWorkflow", ChangesWorkflow?.ToString().ToLowerInvariant());
        Add(query, "author", Author);
        Add(query, "q", Q);
        var order = sort ?? Sort;
        if (order != ProposalSort.Newest)
        {
            query.Add("sort", order.ToString());
        }

        Add(query, "cursor", cursor);
        return "/proposals" + query.ToQueryString();
    }

    private static void Add(QueryBuilder query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add(name, value);
        }
    }
}
