using IwgPortal.Domain.Common;

namespace IwgPortal.Domain.StatementsOfWork.Sourcing;

/// <summary>
/// What the delivery routes need to know of their statement of work: its state, and the route of
/// its latest published revision (the published text is what the community answers, not the draft).
/// </summary>
public sealed record SourcingStage(int SowId, SowState State, DeliveryRoute? Route)
{
    /// <summary>The route named in the latest published revision must be the one being used.</summary>
    public void RequireRoute(DeliveryRoute route)
    {
        if (Route != route)
        {
            throw new DomainException(Route is null
                ? $"Statement of work {SowId} has no published delivery route."
                : $"Statement of work {SowId} is sourced through {Route.Value.Describe()}, not {route.Describe()}.");
        }
    }

    /// <summary>Offers, applications and volunteers are accepted only while the SOW is in Sourcing.</summary>
    public void RequireAccepting(DeliveryRoute route)
    {
        RequireRoute(route);
        if (State != SowState.Sourcing)
        {
            throw new DomainException($"Statement of work {SowId} is {State}: it accepts offers only while it is Sourcing.");
        }
    }

    /// <summary>The working group chooses who does the work while Sourcing or InDecision.</summary>
    public void RequireDeciding(DeliveryRoute route)
    {
        RequireRoute(route);
        if (State is not (SowState.Sourcing or SowState.InDecision))
        {
            throw new DomainException($"Statement of work {SowId} is {State}: the choice is made while it is Sourcing or InDecision.");
        }
    }
}

public static class DeliveryRouteNames
{
    public static string Describe(this DeliveryRoute route) => route switch
    {
        DeliveryRoute.Volunteers => "volunteers",
        DeliveryRoute.Bounty => "a bounty",
        DeliveryRoute.RequestForProposals => "a request for proposals",
        _ => route.ToString(),
    };
}

/// <summary>Checks shared by the routes' money and texts.</summary>
internal static class SourcingGuard
{
    public const int MaxAmountDigits = 12;

    public static decimal Amount(decimal amount, string field)
    {
        if (amount <= 0)
        {
            throw new DomainException($"{field} must be more than zero.");
        }

        if (amount >= 1_000_000_000_000m || decimal.Round(amount, 2) != amount)
        {
            throw new DomainException($"{field} must be below 10^12 with at most two decimals.");
        }

        return amount;
    }

    /// <summary>ISO 4217 style: three letters, stored upper case.</summary>
    public static string Currency(string? currency)
    {
        var code = currency?.Trim().ToUpperInvariant() ?? string.Empty;
        return code.Length == 3 && code.All(c => c is >= 'A' and <= 'Z')
            ? code
            : throw new DomainException("Currency must be a three-letter code such as EUR or USD.");
    }
}
