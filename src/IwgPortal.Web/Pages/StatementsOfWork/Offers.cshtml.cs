using IwgPortal.Domain.Membership;
using IwgPortal.Domain.StatementsOfWork.Sourcing;
using IwgPortal.Web.Features.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork.Sourcing;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// Confidential: a contractor's own offer; after the deadline, for the WG, board and treasurer
/// (not conflicted), every offer, the ranking and the WG's scoring. Never cached.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SowOffersModel(IMediator mediator, CurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty]
    public OfferForm Offer { get; set; } = new();

    [BindProperty]
    public ScoreForm Score { get; set; } = new();

    public SowDetails Sow { get; private set; } = null!;

    public RfpDetails Rfp { get; private set; } = null!;

    /// <summary>Null for a conflicted member: nothing about the offers is loaded.</summary>
    public RfpOfferList? Offers { get; private set; }

    public RfpRankingView? Ranking { get; private set; }

    /// <summary>The acting member's current scores, by offer and criterion key.</summary>
    public Dictionary<int, Dictionary<string, RfpScoreItem>> MyScores { get; } = [];

    public bool IsConflicted { get; private set; }

    public string? FailedForm { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool IsWorkingGroup => user.Roles.IsWorkingGroup;

    public bool IsPrivileged => user.Roles.MaySeeConfidential;

    public bool IsContractor => user.Roles.Has(Role.Contractor);

    public bool SeesAll => Offers?.Access == OfferAccess.All;

    public RfpOfferView? OwnCurrent => Offers?.Offers.FirstOrDefault(o => o.IsOwn && o.IsCurrent);

    public IEnumerable<RfpOfferView> OwnEarlier => Offers?.Offers.Where(o => o.IsOwn && !o.IsCurrent).Reverse() ?? [];

    /// <summary>The offer commands wrap the form in their own "Offer" property: "Offer.Offer.Price" is the form's "Offer.Price".</summary>
    public IEnumerable<string> ErrorsFor(string key) =>
        new[] { key, key.StartsWith("Offer.", StringComparison.Ordinal) ? "Offer." + key : null }
            .OfType<string>()
            .SelectMany(ModelState.ErrorsFor)
            .Distinct();

    public async Task OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Offer", () => mediator.Send(new SubmitOfferCommand(id, Offer.ToInput()), ct), "#own", ct);

    public Task<IActionResult> OnPostReviseAsync(int id, CancellationToken ct) =>
        SendAsync(id, "Offer", () => mediator.Send(new ReviseOfferCommand(id, Offer.OfferId, Offer.ToInput()), ct), "#own", ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, int offerId, CancellationToken ct) =>
        SendAsync(id, "Withdraw", () => mediator.Send(new WithdrawOfferCommand(id, offerId), ct), "#own", ct);

    public Task<IActionResult> OnPostScoreAsync(int id, CancellationToken ct)
    {
        var scores = Score.Scores
            .Where(s => s.Value is not null || !string.IsNullOrWhiteSpace(s.Note))
            .Select(s => new CriterionScoreInput(s.Criterion ?? string.Empty, s.Value ?? -1, string.IsNullOrWhiteSpace(s.Note) ? null : s.Note))
            .ToList();
        return SendAsync(id, "Score", () => mediator.Send(new ScoreOfferCommand(id, Score.OfferId, scores), ct), $"#offer-{Score.OfferId}", ct);
    }

    public Task<IActionResult> OnPostChooseAsync(int id, int offerId, CancellationToken ct) =>
        SendAsync(id, "Choose", () => mediator.Send(new ChooseOfferCommand(id, offerId), ct), "#ranking", ct);

    private async Task<IActionResult> SendAsync<T>(int id, string form, Func<ValueTask<T>> send, string anchor, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await send();
                return Redirect(SourcingText.Offers(id) + anchor);
            }
            catch (Exception ex) when (ModelState.AddTo(ex, form))
            {
            }
        }

        FailedForm = form;
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Sow = await mediator.Send(new GetSowQuery(id), ct);
        Rfp = await mediator.Send(new GetRfpQuery(id), ct);
        try
        {
            Offers = await mediator.Send(new ListOffersQuery(id), ct);
        }
        catch (ForbiddenException)
        {
            IsConflicted = true;
            return;
        }

        if (Offers.Access != OfferAccess.All)
        {
            return;
        }

        Ranking = await mediator.Send(new GetRfpRankingQuery(id), ct);
        if (IsWorkingGroup && user.Login is { } me)
        {
            foreach (var offer in Ranking.Offers)
            {
                var mine = (await mediator.Send(new ListOfferScoresQuery(id, offer.OfferId), ct)).Where(s => s.IsCurrent && s.Scorer == me);
                MyScores[offer.OfferId] = mine.ToDictionary(s => s.Criterion);
            }
        }
    }

    public sealed class OfferForm
    {
        public int OfferId { get; set; }

        public string? Organisation { get; set; }

        public decimal? Price { get; set; }

        public string? Currency { get; set; }

        public string? Schedule { get; set; }

        public string? Approach { get; set; }

        public string? Attachments { get; set; }

        public OfferInput ToInput() => new(
            Organisation ?? string.Empty, Price ?? 0m, Currency ?? string.Empty, Schedule ?? string.Empty, Approach ?? string.Empty,
            string.IsNullOrWhiteSpace(Attachments) ? null : Attachments);
    }

    public sealed class ScoreForm
    {
        public int OfferId { get; set; }

        public List<ScoreRow> Scores { get; set; } = [];
    }

    public sealed class ScoreRow
    {
        public string? Criterion { get; set; }

        public int? Value { get; set; }

        public string? Note { get; set; }
    }
}
