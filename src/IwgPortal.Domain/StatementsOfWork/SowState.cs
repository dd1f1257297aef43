namespace IwgPortal.Domain.StatementsOfWork;

/// <summary>governance.md, "The life of a change", step 2.</summary>
public enum SowState
{
    Draft,
    Published,
    Sourcing,
    InDecision,
    AwaitingBoard,
    Approved,
    InProgress,
    Delivered,
    Accepted,
    Closed,
    Cancelled,
}

public static class SowStates
{
    private static readonly SowState[] Forward =
    [
        SowState.Draft, SowState.Published, SowState.Sourcing, SowState.InDecision, SowState.AwaitingBoard,
        SowState.Approved, SowState.InProgress, SowState.Delivered, SowState.Accepted, SowState.Closed,
    ];

    /// <summary>
    /// The whole machine: each state's next one forward; Cancelled from anything before Closed;
    /// Published, Sourcing and InDecision back to Draft (an iteration, with a reason).
    /// </summary>
    public static IReadOnlyList<SowState> NextStates(this SowState state)
    {
        if (state is SowState.Closed or SowState.Cancelled)
        {
            return [];
        }

        var next = new List<SowState>();
        var index = Array.IndexOf(Forward, state);
        next.Add(Forward[index + 1]);
        if (state is SowState.Published or SowState.Sourcing or SowState.InDecision)
        {
            next.Add(SowState.Draft);
        }

        next.Add(SowState.Cancelled);
        return next;
    }

    public static bool IsBackToDraft(SowState from, SowState to) => to == SowState.Draft && from != SowState.Draft;
}
