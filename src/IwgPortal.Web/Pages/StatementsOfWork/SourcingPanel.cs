using System.Globalization;
using IwgPortal.Domain.StatementsOfWork;
using IwgPortal.Web.Features.StatementsOfWork.Sourcing;
using IwgPortal.Web.Hosting;
using IwgPortal.Web.Hosting.Auth;
using IwgPortal.Web.Hosting.Errors;
using Mediator;

namespace IwgPortal.Web.Pages.StatementsOfWork;

/// <summary>
/// What the "Delivery" part of an SOW page shows for the route of its latest published revision,
/// and the text a person typed into its forms (kept when a form comes back with an error).
/// </summary>
public sealed class SourcingPanel
{
    public required int SowId { get; init; }

    public required SowState State { get; init; }

    public required DeliveryRoute? Route { get; init; }

    public required bool IsSignedIn { get; init; }

    public required bool IsWorkingGroup { get; init; }

    public required DateTimeOffset Now { get; init; }

    public IReadOnlyList<VolunteerItem> Volunteers { get; init; } = [];

    public BountyDetails? Bounty { get; init; }

    public RfpDetails? Rfp { get; init; }

    public SourcingInputs Inputs { get; set; } = new();

    public bool IsSourcing => State == SowState.Sourcing;

    public bool IsDeciding => State is SowState.Sourcing or SowState.InDecision;

    public static async Task<SourcingPanel> LoadAsync(IMediator mediator, CurrentUser user, TimeProvider clock, int sowId, DeliveryRoute? route, SowState state, CancellationToken ct)
    {
        IReadOnlyList<VolunteerItem> volunteers = [];
        BountyDetails? bounty = null;
        RfpDetails? rfp = null;
        switch (route)
        {
            case DeliveryRoute.Volunteers:
                volunteers = await mediator.Send(new ListVolunteersQuery(sowId), ct);
                break;
            case DeliveryRoute.Bounty:
                bounty = await OrNullAsync(() => mediator.Send(new GetBountyQuery(sowId), ct));
                break;
            case DeliveryRoute.RequestForProposals:
                rfp = await OrNullAsync(() => mediator.Send(new GetRfpQuery(sowId), ct));
                break;
        }

        return new SourcingPanel
        {
            SowId = sowId,
            State = state,
            Route = route,
            IsSignedIn = user.IsSignedIn,
            IsWorkingGroup = user.Roles.IsWorkingGroup,
            Now = clock.GetUtcNow(),
            Volunteers = volunteers,
            Bounty = bounty,
            Rfp = rfp,
        };
    }

    private static async Task<T?> OrNullAsync<T>(Func<ValueTask<T>> load)
        where T : class
    {
        try
        {
            return await load();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}

/// <summary>The forms of the delivery panel; names match the form fields ("Volunteer.Note", ...).</summary>
public sealed class SourcingInputs
{
    public VolunteerInput Volunteer { get; set; } = new();

    public BountyAmountInput Amount { get; set; } = new();

    public BountyApplyInput Apply { get; set; } = new();

    public OpenRfpInput Rfp { get; set; } = new();
}

public sealed class VolunteerInput
{
    public string? Note { get; set; }
}

public sealed class BountyAmountInput
{
    public decimal? Amount { get; set; }

    public string? Currency { get; set; }
}

public sealed class BountyApplyInput
{
    public string? Plan { get; set; }
}

public sealed class OpenRfpInput
{
    /// <summary>From a datetime-local field, read as UTC.</summary>
    public DateTime? Deadline { get; set; }

    public List<CriterionRow> Criteria { get; set; } = [];

    public sealed class CriterionRow
    {
        public string? Name { get; set; }

        public int? Weight { get; set; }
    }
}

/// <summary>How the RFP pages write times and money.</summary>
public static class SourcingText
{
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Money(decimal amount, string currency) => string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:#,0.##}");

    public static string Score(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Sealed(DateTimeOffset deadline, DateTimeOffset now) =>
        $"Sealed: offers can be read after {Utc(deadline)} ({Display.Relative(deadline, now)}).";

    public static string Rfp(int sowId) => $"/sows/{sowId}/rfp";

    public static string Offers(int sowId) => $"/sows/{sowId}/offers";
}
