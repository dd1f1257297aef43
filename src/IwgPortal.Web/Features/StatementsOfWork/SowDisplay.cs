using IwgPortal.Domain.StatementsOfWork;

namespace IwgPortal.Web.Features.StatementsOfWork;

/// <summary>Words for the states and routes of a statement of work, as the pages show them.</summary>
public static class SowDisplay
{
    public static string Display(this SowState state) => state switch
    {
        SowState.InDecision => "In decision",
        SowState.AwaitingBoard => "Awaiting board",
        SowState.InProgress => "In progress",
        _ => state.ToString(),
    };

    public static string Display(this DeliveryRoute route) => route switch
    {
        DeliveryRoute.Volunteers => "Volunteers",
        DeliveryRoute.Bounty => "Bounty",
        DeliveryRoute.RequestForProposals => "Request for proposals",
        _ => route.ToString(),
    };

    public static string Explain(this DeliveryRoute route) => route switch
    {
        DeliveryRoute.Volunteers => "Community volunteers do the work.",
        DeliveryRoute.Bounty => "A fixed reward for whoever delivers.",
        DeliveryRoute.RequestForProposals => "Contractors send offers; the working group chooses.",
        _ => string.Empty,
    };
}
